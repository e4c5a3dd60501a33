using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sweep.Config;
using Sweep.Domain;
using Sweep.Protocol.Messages.Commands;
using Sweep.Protocol.Messages.Queries;
using Sweep.Runtime;
using Sweep.Runtime.Configuration;
using Sweep.Runtime.Scheduling;
using Sweep.Storage;
using Sweep.Training.Data;
using Sweep.Training.Data.Generators;
using Sweep.Training.Training;

namespace Sweep.Benchmarks.Runtime;

/// <summary>How the run stood when <paramref name="Completed"/> trials were stored.</summary>
/// <param name="Seconds">Wall time since the workers started, without the time the measurement's own full GCs took.</param>
/// <param name="CpuSeconds">The process's CPU time since the workers started, without the measurement's own GCs.</param>
/// <param name="HeapBytes">Managed heap after a full, compacting GC.</param>
/// <param name="WorkingSetBytes">The process's working set (resident memory) at the same moment, before the GC.</param>
internal sealed record SimulationPoint(int Completed, double Seconds, double CpuSeconds, long HeapBytes, long WorkingSetBytes);

/// <summary>A simulated sweep from start to end: the points along it, the first taken before any worker started.</summary>
internal sealed record SimulationRun(int Trials, int Workers, int ResultBytes, IReadOnlyList<SimulationPoint> Points);

/// <summary>
/// The coordinator and the results actor under a sweep of trials that do no work: one process, the real
/// <c>CoordinatorActor</c>, <c>ResultsActor</c> and <see cref="TrialStore"/> (shared mode, as <c>sweep run</c> opens it)
/// set up by the production extension methods, and <see cref="SimulatedWorkerActor"/>s that answer each assignment at
/// once with a completed result the size of a real one (made by <c>TrialResults.Outcome</c> from the report of one real
/// trial of the course's [2,20,3,1] network: 30,000 iterations recorded every 1,000, its cost curve, layer norms and
/// trained model). With <c>akka.actor.serialize-messages = on</c> every message between the workers, the coordinator's
/// proxy, the coordinator and the results actor goes through Sweep's serializer, as it would between nodes; the CPU
/// time so includes the workers' half of each message's serialization.
/// </summary>
internal static class SimulationBenchmarks
{
    private const int Repeats = 5;

    public static SimulationRun Run(int trials, int workers, int slots, string database, int points, Action<SimulationPoint>? onPoint = null)
    {
        DatasetSplit data = DatasetSplitter.Split(DatasetGenerators.Create("moons", 300, 0.2, seed: 1), 0.25, seed: 1);
        var definition = new TrialDefinition
        {
            Hidden = [20, 3],
            Initializer = "lecun",
            Training = new TrainingOptions { Iterations = 30_000, LearningRate = 0.3, RecordEvery = 1000, Seed = 3 },
        };
        TrialReport report = TrialRunner.Run(definition, data);
        SweepPlan plan = Plan(trials, definition, data);
        int resultBytes = Encoding.UTF8.GetByteCount(System.Text.Json.JsonSerializer.Serialize(
            Complete(report, plan.Assign(plan.FirstTrial(), 1), "sim-0")));

        using TrialStore store = TrialStore.Open(database);
        store.RegisterSweep(plan.Name, new SweepFingerprint(plan.FileHash, plan.FileHash, plan.DatasetKey, "generated moons"), trials, plan.Metric);
        using IHost host = Host(plan, store);
        host.Start();
        ActorSystem system = host.Services.GetRequiredService<ActorSystem>();
        IActorRef coordinator = host.Services.GetRequiredService<ActorRegistry>().Get<CoordinatorKey>();
        Status(coordinator);

        var measured = new List<SimulationPoint>();
        var process = Process.GetCurrentProcess();
        var clock = Stopwatch.StartNew();
        TimeSpan cpuAtStart = process.TotalProcessorTime;
        TimeSpan measuring = TimeSpan.Zero;
        TimeSpan measuringCpu = TimeSpan.Zero;
        void Measure(int completed)
        {
            double seconds = (clock.Elapsed - measuring).TotalSeconds;
            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpuAtStart - measuringCpu).TotalSeconds;
            long workingSet = process.WorkingSet64;
            TimeSpan wallBefore = clock.Elapsed, cpuBefore = process.TotalProcessorTime;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            long heap = GC.GetTotalMemory(forceFullCollection: true);
            process.Refresh();
            measuring += clock.Elapsed - wallBefore;
            measuringCpu += process.TotalProcessorTime - cpuBefore;
            var point = new SimulationPoint(completed, seconds, cpu, heap, workingSet);
            measured.Add(point);
            onPoint?.Invoke(point);
        }

        Measure(0);
        for (int i = 0; i < workers; i++)
        {
            system.ActorOf(SimulatedWorkerActor.Props(coordinator, $"sim-{i}", slots, assignment => Complete(report, assignment, "sim")), $"sim-worker-{i}");
        }

        int next = 1;
        while (true)
        {
            FetchSweepStatusResponse status = Status(coordinator);
            int done = status.Completed + status.Failed + status.Diverged + status.GradientCheckFailed;
            if (status.Finished)
            {
                Measure(done);
                break;
            }

            if (done >= (long)trials * next / points)
            {
                Measure(done);
                next = (int)((long)done * points / trials) + 1;
            }

            Thread.Sleep(20);
        }

        host.StopAsync().Wait();
        return new SimulationRun(trials, workers, resultBytes, measured);
    }

    /// <summary>The node of a sweep run: coordinator, results actor and store, set up as the program sets them up, every message serialized.</summary>
    private static IHost Host(SweepPlan plan, TrialStore store)
    {
        HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddAkka(SweepClusterOptions.SystemName, akka => akka
            // Strict serialization (WithStrictSerialization) is left out, as in the tests: with every local message
            // verified, Akka's local-only internal messages would have no serializer.
            .AddHocon("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING\nakka.actor.serialize-messages = on", HoconAddMode.Prepend)
            .WithSweepSerialization()
            .WithSweepCluster(new SweepClusterOptions { Roles = [ActorKeys.CoordinatorRole, ActorKeys.WorkerRole] })
            .WithTrialCoordinator(plan, store));
        return builder.Build();
    }

    private static FetchSweepStatusResponse Status(IActorRef coordinator)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return coordinator.Ask<FetchSweepStatusResponse>(FetchSweepStatus.Instance, TimeSpan.FromSeconds(10)).Result;
            }
            catch (AggregateException) when (attempt < 6)
            {
                // The singleton starts a few seconds after the node joins itself; the proxy buffers, but the ask may time out.
            }
        }
    }

    /// <summary>What a worker sends for the assignment: the real report as its outcome, with a test accuracy of its own so the ranking has work to do.</summary>
    private static TrialResult Complete(TrialReport report, AssignTrial assignment, string node)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        TrialResult result = TrialResults.Outcome(report, assignment, node, now, now);
        double spread = Convert.ToInt32(assignment.TrialId[..4], 16) / 65_536.0 / 10;
        return result with { TestAccuracy = result.TestAccuracy - spread, TestCost = result.TestCost + spread };
    }

    /// <summary>
    /// <paramref name="trials"/> trials of one network, configurations of five seeds each (<c>repeats: 5</c>) that
    /// differ in their L2 strength, keep probability and learning rate, with ids made as a sweep file's are (16 hex
    /// characters of a SHA-256; the configuration's without the seed).
    /// </summary>
    private static SweepPlan Plan(int trials, TrialDefinition definition, DatasetSplit data)
    {
        string name = $"simulate-{trials}";
        var plans = new List<TrialPlan>(trials);
        for (int i = 0; i < trials; i++)
        {
            int configuration = i / Repeats;
            double l2 = configuration % 100 * 0.01;
            double keep = 1 - (configuration / 100 % 10 * 0.05);
            double learningRate = 0.01 * (1 + (configuration / 1000));
            int seed = (i % Repeats) + 1;
            string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
            var parameters = new Dictionary<string, string>
            {
                ["l2_lambda"] = Text(l2),
                ["keep_prob"] = Text(keep),
                ["learning_rate"] = Text(learningRate),
                ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            };
            var settings = new Dictionary<string, string>(parameters)
            {
                ["hidden"] = "[20,3]",
                ["activation"] = "relu",
                ["output"] = "sigmoid",
                ["initializer"] = "lecun",
                ["normalize"] = "true",
                ["iterations"] = "30000",
                ["record_every"] = "1000",
                ["rng"] = "numpy",
                ["optimizer"] = "gd",
            };
            plans.Add(new TrialPlan(Id($"{name}/trial", i), Id($"{name}/configuration", configuration), parameters, settings, definition with
            {
                Training = definition.Training with { L2Lambda = l2, KeepProb = keep, LearningRate = learningRate, Seed = seed },
            }));
        }

        return new SweepPlan(name, "simulate", "moons", data, TrialSource.Listed(plans), TrialMetrics.TestAccuracy, HigherIsBetter: true);
    }

    private static string Id(string sweep, int index) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{sweep}/{index}")))[..16];

    private static TrialPlan FirstTrial(this SweepPlan plan) => plan.Trials.TrialsOf(plan.Trials.CreateStrategy().Ask(0))[0];
}
