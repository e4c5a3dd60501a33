using Akka.Actor;
using Sweep.Protocol.Messages.Queries;
using Sweep.Storage;
using Sweep.Domain;

namespace Sweep.Runtime.Tests.Actors;

/// <summary>The whole runtime on one node: coordinator, results actor and a worker with two slots train a real sweep.</summary>
public sealed class OneNodeSweepTests(ITestOutputHelper output)
    : SweepTestKit(output, RuntimeFixtures.Plan(6, iterations: 200), workerSlots: 2)
{
    [Fact]
    public void Every_trial_of_the_sweep_is_trained_and_stored_once()
    {
        IActorRef coordinator = Coordinator;

        AwaitAssert(() =>
        {
            var status = coordinator.Ask<FetchSweepStatusResponse>(FetchSweepStatus.Instance, TimeSpan.FromSeconds(5)).Result;
            Assert.True(status.Finished, $"{status.Completed} of {status.Total} completed");
        }, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));

        IReadOnlyList<TrialResult> stored = Store.Trials(Plan.Name, null, includeModels: true);
        Assert.Equal(Plan.Listed().Select(t => t.TrialId).Order(), stored.Select(t => t.TrialId).Order());
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
}
