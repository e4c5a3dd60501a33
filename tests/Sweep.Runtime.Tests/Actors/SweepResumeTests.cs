using Akka.Actor;
using Akka.Hosting;
using Sweep.Protocol.Messages.Commands;
using Sweep.Protocol.Messages.Queries;
using Sweep.Runtime.Configuration;
using Sweep.Storage;

namespace Sweep.Runtime.Tests.Actors;

/// <summary>A coordinator started on a store that already holds some of the sweep's trials.</summary>
public sealed class SweepResumeTests : Akka.Hosting.TestKit.TestKit
{
    private readonly string _database = RuntimeFixtures.TempDatabase();
    private readonly TrialStore _store;
    private readonly SweepPlan _plan = RuntimeFixtures.Plan(3);

    public SweepResumeTests(ITestOutputHelper output)
        : base(output: output)
    {
        _store = TrialStore.Open(_database);
        _store.StoreBatch([new TrialResult
        {
            TrialId = _plan.Trials[1].TrialId,
            Sweep = _plan.Name,
            SweepFileHash = _plan.FileHash,
            Status = TrialResultStatus.Completed,
            TestAccuracy = 0.8,
        }]);
    }

    protected override Akka.Configuration.Config? Config => "akka.actor.serialize-messages = on";

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder
            .WithSweepSerialization()
            .WithSweepCluster(new SweepClusterOptions { Roles = [ActorKeys.CoordinatorRole] })
            .WithTrialCoordinator(_plan, _store);

    [Fact]
    public async Task A_resumed_sweep_runs_only_the_trials_that_are_not_stored()
    {
        IActorRef coordinator = ActorRegistry.Get<CoordinatorKey>();
        var worker = CreateTestProbe();
        worker.Send(coordinator, new RegisterWorker("node-a", 5));
        worker.Send(coordinator, new RequestWork(5));

        var assigned = worker.ReceiveN(2, TimeSpan.FromSeconds(10)).Cast<AssignTrial>().Select(a => a.TrialId).Order().ToList();
        worker.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        Assert.Equal([_plan.Trials[0].TrialId, _plan.Trials[2].TrialId], assigned);
        var status = await coordinator.Ask<FetchSweepStatusResponse>(FetchSweepStatus.Instance, TimeSpan.FromSeconds(5));
        Assert.Equal((3, 1, _plan.Trials[1].TrialId), (status.Total, status.Resumed, status.BestTrialId));
    }

    protected override async Task AfterAllAsync()
    {
        await Sys.Terminate();
        _store.Dispose();
        File.Delete(_database);
    }
}
