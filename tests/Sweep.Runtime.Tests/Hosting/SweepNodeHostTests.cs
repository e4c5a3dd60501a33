using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sweep.Runtime.Configuration;
using Sweep.Runtime.Hosting;
using Sweep.Storage;

namespace Sweep.Runtime.Tests.Hosting;

public sealed class SweepNodeHostTests
{
    [Fact]
    public async Task A_node_alone_in_its_cluster_stops_without_the_leave_handshake()
    {
        using IHost node = SweepNodeHost.Build(new SweepNodeOptions { WorkerSlots = 1 });
        await node.StartAsync(TestContext.Current.CancellationToken);
        var cluster = Akka.Cluster.Cluster.Get(node.Services.GetRequiredService<ActorSystem>());
        await UntilUp(cluster, 1);
        Assert.True(SweepNodeHost.IsAlone(cluster));

        await SweepNodeHost.StopAsync(node, TestContext.Current.CancellationToken);

        Assert.True(cluster.IsTerminated);
        Assert.IsType<CoordinatedShutdown.ClusterDowningReason>(ShutdownReasonOf(node));
    }

    [Fact]
    public async Task A_node_that_has_not_joined_yet_is_not_alone_and_stops_by_leaving()
    {
        // A seed where nothing listens: the node keeps trying to join and never becomes a member.
        using IHost node = SweepNodeHost.Build(new SweepNodeOptions
        {
            Cluster = new SweepClusterOptions { Seed = $"127.0.0.1:{RuntimeFixtures.FreePort()}" },
            WorkerSlots = 1,
        });
        await node.StartAsync(TestContext.Current.CancellationToken);
        var cluster = Akka.Cluster.Cluster.Get(node.Services.GetRequiredService<ActorSystem>());
        Assert.Empty(cluster.State.Members);
        Assert.False(SweepNodeHost.IsAlone(cluster));

        await SweepNodeHost.StopAsync(node, TestContext.Current.CancellationToken);
        Assert.True(cluster.IsTerminated);
        Assert.IsType<CoordinatedShutdown.ClrExitReason>(ShutdownReasonOf(node));
    }

    [Fact]
    public async Task A_node_with_others_in_its_cluster_leaves_so_that_they_see_it_go()
    {
        int port = RuntimeFixtures.FreePort();
        string database = RuntimeFixtures.TempDatabase();
        try
        {
            using TrialStore store = TrialStore.Open(database);
            using IHost coordinator = SweepNodeHost.Build(new SweepNodeOptions
            {
                Cluster = new SweepClusterOptions { Port = port },
                Coordinator = (RuntimeFixtures.Plan(1), store),
                NodeName = "coordinator",
            });
            await coordinator.StartAsync(TestContext.Current.CancellationToken);
            using IHost worker = SweepNodeHost.Build(new SweepNodeOptions
            {
                Cluster = new SweepClusterOptions { Seed = $"127.0.0.1:{port}" },
                WorkerSlots = 1,
                NodeName = "worker",
            });
            await worker.StartAsync(TestContext.Current.CancellationToken);
            var coordinatorCluster = Akka.Cluster.Cluster.Get(coordinator.Services.GetRequiredService<ActorSystem>());
            await UntilUp(coordinatorCluster, 2);
            await UntilUp(Akka.Cluster.Cluster.Get(worker.Services.GetRequiredService<ActorSystem>()), 2);

            await SweepNodeHost.StopAsync(worker, TestContext.Current.CancellationToken);

            Assert.IsType<CoordinatedShutdown.ClrExitReason>(ShutdownReasonOf(worker));
            await RuntimeFixtures.Until(() => coordinatorCluster.State.Members.Count == 1, TimeSpan.FromSeconds(20));

            Assert.Equal([coordinatorCluster.SelfAddress], coordinatorCluster.State.Members.Select(m => m.Address));
            Assert.Empty(coordinatorCluster.State.Unreachable);

            // Now alone, the coordinator stops without leaving.
            await SweepNodeHost.StopAsync(coordinator, TestContext.Current.CancellationToken);
            Assert.True(coordinatorCluster.IsTerminated);
            Assert.IsType<CoordinatedShutdown.ClusterDowningReason>(ShutdownReasonOf(coordinator));
        }
        finally
        {
            File.Delete(database);
        }
    }

    /// <summary>Why the node's coordinated shutdown ran: downed, or asked to stop (the host's stop, which leaves).</summary>
    private static CoordinatedShutdown.Reason? ShutdownReasonOf(IHost node) =>
        CoordinatedShutdown.Get(node.Services.GetRequiredService<ActorSystem>()).ShutdownReason;

    private static async Task UntilUp(Akka.Cluster.Cluster cluster, int members)
    {
        await RuntimeFixtures.Until(() => UpCount(cluster) == members, TimeSpan.FromSeconds(20));
        Assert.Equal(members, UpCount(cluster));
    }

    private static int UpCount(Akka.Cluster.Cluster cluster) => cluster.State.Members.Count(m => m.Status == MemberStatus.Up);
}
