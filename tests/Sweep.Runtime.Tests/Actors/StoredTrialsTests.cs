using Akka.Actor;
using Sweep.Domain;
using Sweep.Runtime.Actors;

namespace Sweep.Runtime.Tests.Actors;

/// <summary>What the results actor hands a coordinator that starts on a store holding part of its sweep.</summary>
public sealed class StoredTrialsTests : SweepTestKit
{
    public StoredTrialsTests(ITestOutputHelper output)
        : base(output, RuntimeFixtures.Plan(2))
    {
        Store.StoreBatch([new TrialResult
        {
            TrialId = Plan.Listed()[0].TrialId,
            Sweep = Plan.Name,
            SweepFileHash = Plan.FileHash,
            Status = TrialResultStatus.Completed,
            TestAccuracy = 0.8,
            Seed = 1,
            CostCurve = [new CostPoint(0, 0.7), new CostPoint(10, 0.5)],
            LayerNorms = [new LayerNormsPoint(0, [1.0, 2.0], [0.1, 0.2])],
        }]);
    }

    [Fact]
    public void Stored_trials_reach_the_coordinator_with_their_metrics_and_without_their_curves()
    {
        IActorRef results = ActorRegistry.Get<ResultsKey>();

        results.Tell(new ResultsActor.FetchStoredTrials(Plan.Name), TestActor);
        TrialResult stored = Assert.Single(ExpectMsg<ResultsActor.StoredTrials>(TimeSpan.FromSeconds(10)).Trials);

        Assert.Equal((Plan.Listed()[0].TrialId, 0.8, 1), (stored.TrialId, stored.TestAccuracy, stored.Seed));
        Assert.Empty(stored.CostCurve);
        Assert.Empty(stored.LayerNorms);
    }
}
