using Akka.Actor;
using Akka.Hosting;
using Sweep.Protocol.Messages.Queries;
using Sweep.Runtime.Configuration;
using Sweep.Storage;

namespace Sweep.Runtime.Tests.Actors;

/// <summary>The whole runtime on one node: coordinator, results actor and a worker with two slots train a real sweep.</summary>
public sealed class OneNodeSweepTests : Akka.Hosting.TestKit.TestKit
{
    private readonly string _database = RuntimeFixtures.TempDatabase();
    private readonly TrialStore _store;
    private readonly SweepPlan _plan = RuntimeFixtures.Plan(6, iterations: 200);

    public OneNodeSweepTests(ITestOutputHelper output)
        : base(output: output) => _store = TrialStore.Open(_database);

    protected override Akka.Configuration.Config? Config => "akka.actor.serialize-messages = on";

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder
            .WithSweepSerialization()
            .WithSweepCluster(new SweepClusterOptions { Roles = [ActorKeys.CoordinatorRole, ActorKeys.WorkerRole] })
            .WithTrialCoordinator(_plan, _store)
            .WithTrialWorkers(slots: 2, node: "local", coordinatorOnThisNode: true);

    [Fact]
    public void Every_trial_of_the_sweep_is_trained_and_stored_once()
    {
        IActorRef coordinator = ActorRegistry.Get<CoordinatorKey>();

        AwaitAssert(() =>
        {
            var status = coordinator.Ask<FetchSweepStatusResponse>(FetchSweepStatus.Instance, TimeSpan.FromSeconds(5)).Result;
            Assert.True(status.Finished, $"{status.Completed} of {status.Total} completed");
        }, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));

        IReadOnlyList<TrialResult> stored = _store.Trials(_plan.Name, null, includeModels: true);
        Assert.Equal(_plan.Trials.Select(t => t.TrialId).Order(), stored.Select(t => t.TrialId).Order());
        Assert.All(stored, t =>
        {
            Assert.Equal(TrialResultStatus.Completed, t.Status);
            Assert.Equal(200, t.IterationsRun);
            Assert.InRange(t.TestAccuracy!.Value, 0.5, 1.0);
            Assert.NotNull(t.GradcheckDifference);
            Assert.NotNull(t.ModelJson);
            Assert.Equal("local", t.Node);
        });
    }

    protected override async Task AfterAllAsync()
    {
        await Sys.Terminate();
        _store.Dispose();
        File.Delete(_database);
    }
}
