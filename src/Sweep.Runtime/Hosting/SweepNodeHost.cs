using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sweep.Runtime.Configuration;

namespace Sweep.Runtime.Hosting;

/// <summary>Builds and stops the generic host of one sweep node, from the same extension methods the tests use.</summary>
public static class SweepNodeHost
{
    /// <summary>How long a lone node waits for the shutdown its downing started before its host is stopped regardless.</summary>
    private static readonly TimeSpan AloneShutdownLimit = TimeSpan.FromSeconds(10);

    public static IHost Build(SweepNodeOptions options)
    {
        var roles = new List<string>();
        if (options.Coordinator is not null)
        {
            roles.Add(ActorKeys.CoordinatorRole);
        }

        if (options.WorkerSlots > 0)
        {
            roles.Add(ActorKeys.WorkerRole);
        }

        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        if (options.WorkerSlots > 0)
        {
            SweepPlan? localPlan = options.Coordinator?.Plan;
            builder.Services.AddHostedService(_ => new TrainingWarmUpService(localPlan));
        }

        builder.Services.AddAkka(SweepClusterOptions.SystemName, akka =>
        {
            akka.AddHocon($"akka.loglevel = {options.LogLevel}\nakka.stdout-loglevel = {options.LogLevel}", HoconAddMode.Prepend)
                .WithSweepSerialization()
                .WithStrictSerialization()
                .WithSweepCluster(options.Cluster with { Roles = roles });
            if (options.Coordinator is var (plan, store))
            {
                akka.WithTrialCoordinator(plan, store);
            }

            if (options.WorkerSlots > 0)
            {
                akka.WithTrialWorkers(options.WorkerSlots, options.NodeName, localCoordinator: options.Coordinator?.Plan);
            }
        });
        return builder.Build();
    }

    /// <summary>
    /// Stops a node built by <see cref="Build"/>. A node alone in its cluster has no one to hand over to or to tell that
    /// it goes, so it downs itself: its coordinated shutdown, which downing starts, skips the leave's handshake
    /// (leaving, exiting, removed: a leader tick each; a one-trial <c>sweep run</c> ends 30-40 ms sooner, README). The
    /// host stops once that shutdown has ended; had the host's own stop started first, its leave would have waited out
    /// the phase's timeout for a removal that a downed node never gets. A node with others leaves as before, so that
    /// they see it go rather than lose it.
    /// </summary>
    public static async Task StopAsync(IHost host, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(host);
        var system = host.Services.GetRequiredService<ActorSystem>();
        var cluster = Akka.Cluster.Cluster.Get(system);
        if (!cluster.IsTerminated && IsAlone(cluster))
        {
            cluster.Down(cluster.SelfAddress);
            await Task.WhenAny(system.WhenTerminated, Task.Delay(AloneShutdownLimit, cancellation)).ConfigureAwait(false);
        }

        await host.StopAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// True when this node is the only member of its cluster. A node that has not yet become a member (stopped while it
    /// joins) is not alone: the cluster ignores the downing of a node it does not know, which would leave the stop
    /// waiting out <see cref="AloneShutdownLimit"/>.
    /// </summary>
    internal static bool IsAlone(Akka.Cluster.Cluster cluster) =>
        cluster.State.Members is { Count: 1 } members && members.First().UniqueAddress.Equals(cluster.SelfUniqueAddress);
}
