using System.CommandLine;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Sweep.Cli.Output;
using Sweep.Runtime.Configuration;
using Sweep.Runtime.Hosting;

namespace Sweep.Cli.Commands;

/// <summary><c>sweep coordinator</c> and <c>sweep worker</c>: the same runtime as <c>sweep run</c>, one role per process.</summary>
internal static class ClusterCommands
{
    public static Command Coordinator()
    {
        var file = new Argument<string>("sweep.yaml") { Description = "The sweep file" };
        Option<string> database = CommonOptions.Database();
        Option<string> host = Host();
        Option<int> port = CommonOptions.WithEnvironment(
            new Option<int>("--port") { Description = "The cluster port workers join (default 4053). Env: SWEEP_PORT" }, "SWEEP_PORT", 4053);
        Option<string?> publicHost = PublicHost();
        Option<int> top = CommonOptions.WithEnvironment(new Option<int>("--top") { Description = "Rows of the final leaderboard. Env: SWEEP_TOP" }, "SWEEP_TOP", 10);
        Option<bool> keepRunning = CommonOptions.WithEnvironment(
            new Option<bool>("--keep-running")
            {
                Description = "Stay up after the sweep finishes, until stopped (in a container, so that the store can be queried through it). Env: SWEEP_KEEP_RUNNING",
            },
            "SWEEP_KEEP_RUNNING",
            false);
        Option<string?> certificate = TlsCertificate();
        var command = new Command("coordinator", "Coordinate a sweep that workers on other processes or machines run; it owns the store")
        {
            file, database, host, port, publicHost, top, keepRunning, certificate,
        };
        command.SetAction((parse, cancellation) =>
        {
            int listenPort = parse.GetValue(port);
            if (listenPort is < 1 or > 65535)
            {
                throw new CliException($"--port must be between 1 and 65535: the port workers join (got {listenPort})");
            }

            var cluster = new SweepClusterOptions { Host = parse.GetValue(host)!, Port = listenPort, PublicHost = parse.GetValue(publicHost) };
            return RunCommand.Run(
                parse.GetValue(file)!, parse.GetValue(database)!, slots: 0, parse.GetValue(top),
                WithTls(cluster, parse.GetValue(certificate)), cancellation, parse.GetValue(keepRunning));
        });
        return command;
    }

    public static Command Worker()
    {
        Option<string?> seed = CommonOptions.WithEnvironment<string?>(
            new Option<string?>("--seed") { Description = "host:port of the coordinator. Env: SWEEP_SEED" }, "SWEEP_SEED", null);
        Option<int> slots = CommonOptions.WithEnvironment(
            new Option<int>("--slots") { Description = "Trials that train at once (default: the number of cores). Env: SWEEP_SLOTS" },
            "SWEEP_SLOTS", Environment.ProcessorCount);
        Option<string> host = Host();
        Option<string?> publicHost = PublicHost();
        Option<string?> certificate = TlsCertificate();
        var command = new Command("worker", "Join a coordinator and train the trials it hands out, until stopped") { seed, slots, host, publicHost, certificate };
        command.SetAction(async (parse, cancellation) =>
        {
            string seedAddress = parse.GetValue(seed) ?? throw new CliException("--seed is required: the coordinator's host:port");
            int colon = seedAddress.LastIndexOf(':');
            if (colon <= 0 || Uri.CheckHostName(seedAddress[..colon]) == UriHostNameType.Unknown
                || !int.TryParse(seedAddress[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture, out int seedPort) || seedPort is < 1 or > 65535)
            {
                throw new CliException($"--seed must be the coordinator's host:port, such as coordinator:4053 (got '{seedAddress}')");
            }

            int slotCount = parse.GetValue(slots);
            if (slotCount < 1)
            {
                throw new CliException($"--slots must be at least 1 (got {slotCount})");
            }

            SweepClusterOptions cluster = WithTls(
                new SweepClusterOptions { Host = parse.GetValue(host)!, PublicHost = parse.GetValue(publicHost), Seed = seedAddress }, parse.GetValue(certificate));
            ClusterStartup.RequireListenable(cluster);
            string name = $"{Environment.MachineName}-{Environment.ProcessId}";
            Terminal.Out.WriteLine($"Worker {name} with {slotCount} slots joining {seedAddress}; stop it with Ctrl+C.");

            // A worker that loses its coordinator is downed and its actor system ends; it then starts a new one and
            // joins again (Akka keeps retrying the seed), so a restarted coordinator gets its workers back by itself.
            while (!cancellation.IsCancellationRequested)
            {
                using IHost node = SweepNodeHost.Build(new SweepNodeOptions
                {
                    Cluster = cluster,
                    WorkerSlots = slotCount,
                    NodeName = name,
                });
                try
                {
                    await node.StartAsync(cancellation);
                }
                catch (OperationCanceledException)
                {
                    // Stopped while (re)joining: nothing runs yet, so there is nothing to hand back.
                    break;
                }

                Task terminated = node.Services.GetRequiredService<ActorSystem>().WhenTerminated;
                await Task.WhenAny(terminated, Task.Delay(Timeout.Infinite, cancellation)).ConfigureAwait(false);
                await node.StopAsync(CancellationToken.None);
                if (!cancellation.IsCancellationRequested)
                {
                    Terminal.Out.WriteLine($"Worker {name} left the cluster (coordinator lost?); joining {seedAddress} again.");
                    await Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None);
                }
            }

            return 0;
        });
        return command;
    }

    private static Option<string?> TlsCertificate() => CommonOptions.WithEnvironment<string?>(
        new Option<string?>("--tls-certificate")
        {
            Description = "A .pfx file that every node of the cluster shares: TLS between nodes, and only nodes holding it may join. "
                + "Its password is read from SWEEP_TLS_PASSWORD. Env: SWEEP_TLS_CERTIFICATE",
        },
        "SWEEP_TLS_CERTIFICATE",
        null);

    private static SweepClusterOptions WithTls(SweepClusterOptions options, string? certificate) => certificate is null
        ? options
        : options with { TlsCertificatePath = certificate, TlsCertificatePassword = Environment.GetEnvironmentVariable("SWEEP_TLS_PASSWORD") };

    private static Option<string> Host() => CommonOptions.WithEnvironment(
        new Option<string>("--host") { Description = "The interface to listen on (0.0.0.0 in a container). Env: SWEEP_HOST" }, "SWEEP_HOST", "127.0.0.1");

    private static Option<string?> PublicHost() => CommonOptions.WithEnvironment<string?>(
        new Option<string?>("--public-host") { Description = "The address other nodes reach this one by. Env: SWEEP_PUBLIC_HOST" }, "SWEEP_PUBLIC_HOST", null);
}
