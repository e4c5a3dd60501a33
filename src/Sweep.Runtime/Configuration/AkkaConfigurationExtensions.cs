using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Sweep.Protocol;
using Sweep.Protocol.Serialization;
using Sweep.Runtime.Actors;
using Sweep.Storage;

namespace Sweep.Runtime.Configuration;

/// <summary>
/// All of the Akka.NET setup, as extension methods on the Akka.Hosting builder; the program and the tests call
/// the same ones.
/// </summary>
public static class AkkaConfigurationExtensions
{
    /// <summary>Binds every protocol message to the Sweep serializer, which refuses any other type.</summary>
    public static AkkaConfigurationBuilder WithSweepSerialization(this AkkaConfigurationBuilder builder) =>
        builder.WithCustomSerializer("sweep", [typeof(ISweepMessage)], system => new SweepMessageSerializer(system));

    /// <summary>
    /// Strict serialization for a node on the network: Akka's fallback "json" serializer (Newtonsoft, which reads
    /// any type a payload names) is replaced by the Sweep serializer, so no type outside the protocol is ever
    /// written, and a payload addressed to the JSON serializer's id finds nothing to read it. Akka's own messages
    /// between nodes have serializers of their own. Tests that verify every local message (serialize-messages)
    /// leave this out: Akka's local-only internal messages would have no serializer.
    /// </summary>
    public static AkkaConfigurationBuilder WithStrictSerialization(this AkkaConfigurationBuilder builder) =>
        builder.AddHocon(
            $"akka.actor.serializers.json = \"{typeof(SweepMessageSerializer).AssemblyQualifiedName}\"",
            HoconAddMode.Prepend);

    /// <summary>
    /// Remoting and clustering. The split brain resolver is keep-oldest on the coordinator role with down-if-alone
    /// off: the side of a partition that holds the oldest coordinator node survives even when it is alone, so
    /// workers that vanish (killed, or cut off by the network) are downed and their trials requeued, and the
    /// coordinator is never downed because of them. Keep-majority would down a coordinator that lost most of its
    /// workers at once. Training runs on threads of its own, so heartbeats keep flowing; the failure detector
    /// still tolerates pauses of several seconds on a machine whose cores are all busy training.
    /// </summary>
    public static AkkaConfigurationBuilder WithSweepCluster(this AkkaConfigurationBuilder builder, SweepClusterOptions options)
    {
        bool tls = options.TlsCertificatePath is not null;
        var remote = new RemoteOptions
        {
            HostName = options.Host,
            Port = options.Port,
            PublicHostName = options.PublicHost ?? AdvertisedAddress.For(options.Host),
            // A data set crosses in chunks of 256 KiB (DatasetChunks); the largest single messages are results that
            // carry a trained model's weights as JSON.
            MaxFrameSize = 64 * 1024 * 1024,
            SendBufferSize = 64 * 1024 * 1024,
            ReceiveBufferSize = 64 * 1024 * 1024,
            EnableSsl = tls,
        };
        if (options.TlsCertificatePath is not null)
        {
            remote.Ssl = ClusterTls.Options(options.TlsCertificatePath, options.TlsCertificatePassword);
        }

        builder
            .WithRemoting(remote)
            .WithClustering(new ClusterOptions
            {
                Roles = [.. options.Roles],
                SeedNodes = options.Seed is null ? null : [$"{(tls ? "akka.ssl.tcp" : "akka.tcp")}://{SweepClusterOptions.SystemName}@{options.Seed}"],
                SplitBrainResolver = new KeepOldestOption { Role = ActorKeys.CoordinatorRole, DownIfAlone = false },
            })
            .AddHocon(
                """
                akka.cluster.failure-detector.acceptable-heartbeat-pause = 10s
                akka.cluster.failure-detector.threshold = 12.0
                akka.cluster.split-brain-resolver.stable-after = 5s
                akka.cluster.down-removal-margin = 5s
                akka.cluster.log-info = off
                # The proxy's identification-failure timer fires at once (initial delay 0 in Akka.Cluster.Tools 1.5),
                # warning of a 30-second failure at every start.
                akka.cluster.singleton-proxy.log-singleton-identification-failure = off
                akka.remote.dot-netty.tcp.maximum-frame-size = 64MiB
                # Each trial is a round trip of small messages; batching only held them for its flush interval.
                akka.remote.dot-netty.tcp.batching.enabled = false
                # A worker started a moment before its coordinator is refused once; with the defaults (a 5 s gate on
                # that address, a join retried every 5 s) it sat out the first 5-10 s of the sweep, and at 2 s each
                # three in eight coordinator + 2 worker runs of 500 tiny trials still took 6.9-7.3 s where the rest
                # took 3.1-3.6 (at 500 ms: 3.2-4.3 s, benchmarks/cluster/throughput.sh's commands). Retrying a refused
                # address twice a second costs one small message.
                akka.remote.retry-gate-closed-for = 500ms
                akka.cluster.seed-node-timeout = 500ms
                # A one-trial `sweep run` spent two of its three seconds waiting on these 1 s timers: the proxy's
                # first try to find the coordinator comes a moment before the singleton exists, a leave waits for
                # the leader's next tick to become Exiting (and the first tick waits a second after the start), and
                # the exiting singleton waits a hand-over tick before it stops. Each is a small message on one node or
                # two, and a start and a stop wait on several in turn: at 50 ms they still held the course grid 50 ms
                # longer than at 10 ms (benchmarks/e2e/course_grid.sh). The hand-over still gives a new oldest node
                # its 15 s (1500 x 10 ms).
                akka.cluster.periodic-tasks-initial-delay = 10ms
                akka.cluster.leader-actions-interval = 10ms
                akka.cluster.singleton.hand-over-retry-interval = 10ms
                akka.cluster.singleton.min-number-of-hand-over-retries = 1500
                akka.cluster.singleton-proxy.singleton-identification-interval = 10ms
                """,
                HoconAddMode.Prepend);

        if (options.Seed is null)
        {
            // The first node joins itself, wherever the OS placed its port.
            builder.AddStartup((system, _) =>
            {
                var cluster = Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
            });
        }

        return builder;
    }

    /// <summary>
    /// The coordinator singleton (on the coordinator role) and, beside it, the results actor that owns
    /// <paramref name="store"/>. Also registers the singleton's proxy under <see cref="CoordinatorKey"/>.
    /// </summary>
    public static AkkaConfigurationBuilder WithTrialCoordinator(this AkkaConfigurationBuilder builder, SweepPlan plan, TrialStore store) =>
        builder
            // LiteDB's transactions and its shared-mode mutex belong to the OS thread that took them: on a thread pool,
            // a call that failed half-way (a full disk) left the mutex held by one thread while the next call waited
            // for it on another, for ever. One thread of its own for the store's only writer.
            .AddHocon($"{ActorKeys.StoreDispatcher} {{ type = PinnedDispatcher }}", HoconAddMode.Prepend)
            .WithActors((system, registry) =>
            {
                IActorRef results = system.ActorOf(ResultsActor.Props(store).WithDispatcher(ActorKeys.StoreDispatcher), ActorKeys.ResultsName);
                registry.Register<ResultsKey>(results);
            })
            .WithSingleton<CoordinatorKey>(
                ActorKeys.CoordinatorName,
                (_, registry, _) => CoordinatorActor.Props(plan, registry.Get<ResultsKey>()),
                new ClusterSingletonOptions { Role = ActorKeys.CoordinatorRole },
                createProxyToo: true);

    /// <summary>
    /// A worker with <paramref name="slots"/> trial slots, pulling from the coordinator singleton. Beside a coordinator
    /// in the same process (<paramref name="localCoordinator"/>, its plan, as in <c>sweep run</c>) it uses the proxy
    /// registered with that coordinator, and starts with the coordinator's data set in its cache: the same arrays, with
    /// no transfer and no second copy in memory.
    /// </summary>
    public static AkkaConfigurationBuilder WithTrialWorkers(this AkkaConfigurationBuilder builder, int slots, string node, SweepPlan? localCoordinator)
    {
        if (localCoordinator is null)
        {
            builder.WithSingletonProxy<CoordinatorKey>(ActorKeys.CoordinatorName, new ClusterSingletonOptions { Role = ActorKeys.CoordinatorRole });
        }

        return builder.WithActors((system, registry) =>
        {
            IActorRef worker = system.ActorOf(
                WorkerActor.Props(registry.Get<CoordinatorKey>(), slots, node, localCoordinator is { } plan ? (plan.DatasetKey, plan.Data) : null),
                ActorKeys.WorkerName);
            registry.Register<WorkerKey>(worker);
        });
    }
}
