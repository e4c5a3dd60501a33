using Akka.Actor;
using Sweep.Protocol.Messages.Commands;
using Sweep.Protocol.Messages.Queries;
using Sweep.Storage;
using Sweep.Domain;

namespace Sweep.Runtime.Tests.Actors;

/// <summary>A coordinator started on a store that already holds some of the sweep's trials.</summary>
public sealed class SweepResumeTests : SweepTestKit
{
    public SweepResumeTests(ITestOutputHelper output)
        : base(output, RuntimeFixtures.Plan(3))
    {
        Store.StoreBatch([new TrialResult
        {
            TrialId = Plan.Listed()[1].TrialId,
            Sweep = Plan.Name,
            SweepFileHash = Plan.FileHash,
            Status = TrialResultStatus.Completed,
            TestAccuracy = 0.8,
        }]);
    }

    [Fact]
    public async Task A_resumed_sweep_runs_only_the_trials_that_are_not_stored()
    {
        IActorRef coordinator = Coordinator;
        var worker = CreateTestProbe();
        worker.Send(coordinator, new RegisterWorker("node-a", 5, []));
        worker.Send(coordinator, new RequestWork(5));

        var assigned = worker.ReceiveN(2, TimeSpan.FromSeconds(10)).Cast<AssignTrial>().Select(a => a.TrialId).Order().ToList();
        worker.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        Assert.Equal([Plan.Listed()[0].TrialId, Plan.Listed()[2].TrialId], assigned);
        var status = await coordinator.Ask<FetchSweepStatusResponse>(FetchSweepStatus.Instance, TimeSpan.FromSeconds(5));
        Assert.Equal((3, 1, Plan.Listed()[1].TrialId), (status.Total, status.Resumed, status.BestTrialId));
    }
}
