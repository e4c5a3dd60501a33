using Spectre.Console;
using System.CommandLine;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sweep.Cli.Output;
using Sweep.Config;
using Sweep.Protocol.Messages.Queries;
using Sweep.Runtime;
using Sweep.Runtime.Configuration;
using Sweep.Runtime.Hosting;
using Sweep.Storage;
using Sweep.Domain;
using Sweep.Search.Ranking;

namespace Sweep.Cli.Commands;

/// <summary>
/// <c>sweep run</c>: one process, a one-node cluster that is both coordinator and worker. Results are durable as
/// they arrive, so a run that is stopped (Ctrl+C) or killed resumes where it was when started again.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("sweep.yaml") { Description = "The sweep file" };
        Option<string> database = CommonOptions.Database();
        Option<int> slots = CommonOptions.WithEnvironment(
            new Option<int>("--slots") { Description = "Trials that train at once (default: the number of cores). Env: SWEEP_SLOTS" },
            "SWEEP_SLOTS", Environment.ProcessorCount);
        Option<int> top = CommonOptions.WithEnvironment(
            new Option<int>("--top") { Description = "Rows of the final leaderboard. Env: SWEEP_TOP" }, "SWEEP_TOP", 10);
        var command = new Command("run", "Run a sweep on this machine and print the leaderboard") { file, database, slots, top };
        command.SetAction((parse, cancellation) =>
        {
            int slotCount = parse.GetValue(slots);
            if (slotCount < 1)
            {
                throw new CliException($"--slots must be at least 1 (got {slotCount})");
            }

            return Run(parse.GetValue(file)!, parse.GetValue(database)!, slotCount, parse.GetValue(top), new SweepClusterOptions(), cancellation);
        });
        return command;
    }

    /// <summary>
    /// Runs a sweep's coordinator (and, with <paramref name="slots"/> above 0, a worker beside it) until every trial
    /// is stored or the process is asked to stop; prints the leaderboard at the end.
    /// </summary>
    internal static async Task<int> Run(
        string file, string databasePath, int slots, int top, SweepClusterOptions cluster, CancellationToken cancellation, bool keepRunning = false)
    {
        var (definition, plan) = SweepLoading.LoadPlan(file);
        RequireMemoryFor(slots, definition);
        // Before the port: a second coordinator started with the first one's port is told who runs the sweep.
        RefuseSecondCoordinator(() => CoordinatorLock.RequireFree(databasePath));
        ClusterStartup.RequireListenable(cluster);
        RequireWholeBeforeWriting(databasePath);
        using TrialStore store = SweepLoading.OpenForRun(databasePath);
        Refuse(store.RequireRoomToWrite);
        SweepFingerprint fingerprint = SweepLoading.FingerprintOf(definition);
        int planned = (int)definition.Search.PlannedTrials;
        Refuse(store.CheckSweep(plan.Name, fingerprint, planned, plan.Metric));

        // Taken only now, when nothing else refuses the run, so that a refused command leaves no lock file behind.
        var holder = new CoordinatorLockHolder(
            Environment.MachineName, Environment.ProcessId, plan.Name, slots > 0 ? "run" : "coordinator", DateTimeOffset.UtcNow);
        using CoordinatorLock coordinatorLock = RefuseSecondCoordinator(() => CoordinatorLock.Acquire(databasePath, holder));
        using IHost host = SweepNodeHost.Build(new SweepNodeOptions
        {
            Cluster = cluster,
            Coordinator = (plan, store),
            WorkerSlots = slots,
        });
        await ClusterStartup.StartAsync(host, cluster, cancellation);
        Address self = Akka.Cluster.Cluster.Get(host.Services.GetRequiredService<ActorSystem>()).SelfAddress;
        coordinatorLock.Describe(holder with { Seed = $"{self.Host}:{self.Port}" });

        // Registered only now that the sweep really runs: a start that failed (a port in use) leaves no trace.
        SweepRegistration registration = store.RegisterSweep(plan.Name, fingerprint, planned, plan.Metric);
        Refuse(registration);
        Terminal.Out.WriteLine($"{registration.Message}");
        SweepLoading.WarnAboutUnreadableTrials(store);
        IActorRef coordinator = host.Services.GetRequiredService<ActorRegistry>().Get<CoordinatorKey>();

        // Ctrl+C and SIGTERM cancel the command's token; an actor system that ends on its own stops the host.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(
            cancellation, host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        Task<FetchSweepStatusResponse> end = coordinator.Ask<FetchSweepStatusResponse>(AwaitSweepEnd.Instance, cancellationToken: stop.Token);
        FetchSweepStatusResponse? status = await new ProgressView(plan.Metric).Follow(() => Fetch(coordinator), end, stop.Token);
        if (status is { Halted: { } halted })
        {
            await SweepNodeHost.StopAsync(host, CancellationToken.None);
            string outcome = StoredCount(store, plan.Name) is { } kept
                ? $"{kept} of {planned} trials were stored and are kept; once the cause is fixed, the same command resumes the sweep"
                : $"the store is no longer at {store.FilePath}: what it held is wherever the file went, and the same command with --db set to it resumes the sweep";
            throw new CliException($"{halted}. {outcome}")
            {
                ExitCode = ExitCodes.Refused,
            };
        }

        if (status is not { Finished: true })
        {
            await SweepNodeHost.StopAsync(host, CancellationToken.None);
            int stored = store.StoredTrialIds(plan.Name).Count;
            Terminal.Out.WriteLine($"Stopped with {stored} of {status?.Total ?? planned} trials stored in {databasePath}; run the same command again to resume.");
            return ExitCodes.Interrupted;
        }

        // Every trial is stored: the node stops (leaving its cluster, or downing itself when alone) while the leaderboard
        // is read and printed. A node that stays up stops when it is stopped.
        Task leaving = keepRunning ? Task.CompletedTask : SweepNodeHost.StopAsync(host, CancellationToken.None);
        var board = Leaderboard.Of(store.Trials(plan.Name, includeCurves: false), plan.Metric, plan.HigherIsBetter);
        int exitCode = ExitCodes.Success;
        if (board.Best is null)
        {
            string outcomes = string.Join(", ", store.Trials(plan.Name, includeCurves: false).GroupBy(t => t.Status).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
            await Console.Error.WriteLineAsync(
                $"sweep: no trial of '{plan.Name}' completed ({(outcomes.Length == 0 ? "none stored" : outcomes)}); " +
                $"`sweep trials --db {databasePath}` shows each one's message");
            exitCode = ExitCodes.NoTrialCompleted;
        }
        else
        {
            Terminal.Out.WriteLine($"Sweep {plan.Name} finished: {status.Total} trials in {databasePath}. Best by {plan.Metric}:");
            QueryCommands.PrintBest(board, Math.Max(1, top), plan.Metric, json: false, configurations: board.HasRepeats);
        }

        if (keepRunning)
        {
            // The workers stay in the cluster, idle, rather than looking for a coordinator that left.
            Terminal.Out.WriteLine("Staying up until stopped; the store can be queried meanwhile.");
            await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            await SweepNodeHost.StopAsync(host, CancellationToken.None);
        }

        await leaving;
        return exitCode;
    }

    /// <summary>
    /// A run writes into the store, so it refuses one whose collections cannot be read to their end (writing could
    /// only make that worse); the check opens it read-only, since LiteDB opened for writing marks a file it finds
    /// damaged. Trial documents that are whole but not trials are reported, counted as stored, and left.
    /// </summary>
    private static void RequireWholeBeforeWriting(string databasePath)
    {
        if (!File.Exists(databasePath) || new FileInfo(TrialStore.ResolvedPath(Path.GetFullPath(databasePath))).Length == 0)
        {
            return;
        }

        using TrialStore probe = SweepLoading.OpenForQueries(databasePath);
        StoreCheckReport check = probe.Check(includeModels: false);
        if (check.Problems.Count > 0)
        {
            throw new CliException(
                $"the sweep store {probe.FilePath} is damaged, so nothing will be run into it: {string.Join("; ", check.Problems)}. " +
                $"`sweep check --db {probe.FilePath}` says what can still be read; run the sweep into another store (--db <file>)")
            {
                ExitCode = ExitCodes.Refused,
            };
        }
    }

    /// <summary>
    /// The sweep file's check refuses a trial that alone does not fit in memory; trials that train at once each need
    /// their own, so a run with more slots than fit is refused with the number that does.
    /// </summary>
    private static void RequireMemoryFor(int slots, SweepDefinition definition)
    {
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        long perTrial = Math.Max(1, definition.LargestTrialMemoryBytes);
        if (slots > 1 && perTrial * slots > available)
        {
            long fit = Math.Max(1, available / perTrial);
            throw new CliException(
                $"{slots} trials at once would need about {MemorySize.Describe(perTrial * slots)} ({MemorySize.Describe(perTrial)} each), " +
                $"but this machine gives .NET {MemorySize.Describe(available)}: use --slots {fit}");
        }
    }

    private static int? StoredCount(TrialStore store, string sweep)
    {
        // A store that was deleted would be made anew, empty, by the read.
        if (!File.Exists(store.FilePath))
        {
            return null;
        }

        try
        {
            return store.StoredTrialIds(sweep).Count;
        }
        catch (TrialStoreException)
        {
            return null;
        }
    }

    private static void Refuse(Action check)
    {
        try
        {
            check();
        }
        catch (TrialStoreException exception)
        {
            throw new CliException(exception.Message, exception) { ExitCode = ExitCodes.Refused };
        }
    }

    /// <summary>
    /// Another process runs a sweep into this store: refused at once (exit 3), naming that process and how to give it
    /// more workers instead.
    /// </summary>
    private static T RefuseSecondCoordinator<T>(Func<T> take)
    {
        try
        {
            return take();
        }
        catch (StoreInUseException exception)
        {
            string seed = exception.Holder?.Seed ?? "<its host>:<its port>";
            throw new CliException(
                $"the store {exception.LockPath[..^".lock".Length]} is in use: {exception.Message}, and a second coordinator would train its trials again. " +
                $"To add capacity, start workers that join it: sweep worker --seed {seed}", exception)
            {
                ExitCode = ExitCodes.Refused,
            };
        }
        catch (TrialStoreException exception)
        {
            throw new CliException(exception.Message, exception) { ExitCode = ExitCodes.Refused };
        }
    }

    private static void RefuseSecondCoordinator(Action check) => RefuseSecondCoordinator(() =>
    {
        check();
        return 0;
    });

    private static void Refuse(SweepRegistration registration)
    {
        if (registration.IsRefused)
        {
            throw new CliException(registration.Message) { ExitCode = ExitCodes.Refused };
        }
    }

    private static async Task<FetchSweepStatusResponse?> Fetch(IActorRef coordinator)
    {
        try
        {
            return await coordinator.Ask<FetchSweepStatusResponse>(FetchSweepStatus.Instance, TimeSpan.FromSeconds(2));
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}
