using Microsoft.Extensions.Hosting;
using Sweep.Runtime.Configuration;
using Sweep.Runtime.Hosting;
using Sweep.Storage;
using Sweep.Domain;

namespace Sweep.Runtime.Tests.Cluster;

/// <summary>A coordinator and two workers as three actor systems on 127.0.0.1, every message crossing the wire.</summary>
public sealed class ThreeNodeSweepTests : IDisposable
{
    private readonly string _database = RuntimeFixtures.TempDatabase();

    [Fact]
    public async Task A_sweep_runs_across_two_worker_nodes_and_every_trial_is_stored_once()
    {
        SweepPlan plan = RuntimeFixtures.Plan(10, iterations: 2000, name: "cluster");
        int port = RuntimeFixtures.FreePort();
        using TrialStore store = TrialStore.Open(_database);
        using IHost coordinator = SweepNodeHost.Build(new SweepNodeOptions
        {
            Cluster = new SweepClusterOptions { Port = port },
            Coordinator = (plan, store),
            NodeName = "coordinator",
        });
        await coordinator.StartAsync(TestContext.Current.CancellationToken);
        using IHost first = Worker(port, "worker-1");
        using IHost second = Worker(port, "worker-2");
        await first.StartAsync(TestContext.Current.CancellationToken);
        await second.StartAsync(TestContext.Current.CancellationToken);

        await RuntimeFixtures.Until(() => store.StoredTrialIds(plan.Name).Count >= plan.Listed().Count, TimeSpan.FromSeconds(90));

        IReadOnlyList<TrialResult> stored = store.Trials(plan.Name);
        Assert.Equal(plan.Listed().Select(t => t.TrialId).Order(), stored.Select(t => t.TrialId).Order());
        Assert.All(stored, t => Assert.Equal(TrialResultStatus.Completed, t.Status));
        Assert.Equal(["worker-1", "worker-2"], stored.Select(t => t.Node).Distinct().Order());

        await second.StopAsync(TestContext.Current.CancellationToken);
        await first.StopAsync(TestContext.Current.CancellationToken);
        await coordinator.StopAsync(TestContext.Current.CancellationToken);
    }

    public void Dispose() => File.Delete(_database);

    private static IHost Worker(int seedPort, string name) => SweepNodeHost.Build(new SweepNodeOptions
    {
        Cluster = new SweepClusterOptions { Seed = $"127.0.0.1:{seedPort}" },
        WorkerSlots = 1,
        NodeName = name,
    });
}
