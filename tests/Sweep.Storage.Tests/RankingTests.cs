using Sweep.Domain;
namespace Sweep.Storage.Tests;

public sealed class RankingTests : IDisposable
{
    private readonly TempStoreFile _file = new();
    private readonly TrialStore _store;

    public RankingTests()
    {
        _store = TrialStore.Open(_file.Path);
        _store.StoreBatch(
        [
            SampleTrials.Completed("b-tie", 0.93, testCost: 0.25),
            SampleTrials.Completed("a-tie", 0.93, testCost: 0.25),
            SampleTrials.Completed("c-lowcost", 0.93, testCost: 0.20),
            SampleTrials.Completed("best", 0.96, testCost: 0.30),
            SampleTrials.Completed("worst", 0.50, testCost: 0.10),
            SampleTrials.Completed("nan", double.NaN, testCost: double.NaN),
            SampleTrials.Diverged("diverged"),
            SampleTrials.Completed("gradcheck", 0.99) with { Status = TrialResultStatus.GradcheckFailed },
            SampleTrials.Completed("other-sweep", 0.97, sweep: "other"),
        ]);
    }

    public void Dispose()
    {
        _store.Dispose();
        _file.Dispose();
    }

    [Fact]
    public void Higher_accuracy_ranks_first_and_ties_go_to_lower_test_cost_then_smaller_id()
    {
        IReadOnlyList<TrialResult> best = _store.Best(SampleTrials.Sweep, 10, TrialMetrics.TestAccuracy, higherIsBetter: true);

        Assert.Equal(["best", "c-lowcost", "a-tie", "b-tie", "worst"], best.Select(t => t.TrialId));
    }

    [Fact]
    public void A_cost_metric_ranks_lowest_first()
    {
        IReadOnlyList<TrialResult> best = _store.Best(SampleTrials.Sweep, 10, TrialMetrics.TestCost, higherIsBetter: false);

        Assert.Equal(["worst", "c-lowcost", "a-tie", "b-tie", "best"], best.Select(t => t.TrialId));
    }

    [Fact]
    public void Top_limits_the_ranking_and_no_sweep_ranks_across_all_sweeps()
    {
        Assert.Equal(["best", "c-lowcost"], _store.Best(SampleTrials.Sweep, 2, TrialMetrics.TestAccuracy, true).Select(t => t.TrialId));
        Assert.Equal(["other-sweep", "best"], _store.Best(null, 2, TrialMetrics.TestAccuracy, true).Select(t => t.TrialId));
    }

    [Fact]
    public void Only_completed_trials_with_a_finite_metric_are_ranked()
    {
        IReadOnlyList<TrialResult> best = _store.Best(SampleTrials.Sweep, 100, TrialMetrics.TestAccuracy, true);

        Assert.All(best, t => Assert.Equal(TrialResultStatus.Completed, t.Status));
        Assert.DoesNotContain(best, t => t.TrialId is "nan" or "gradcheck" or "diverged");
    }

    [Fact]
    public void Rankings_leave_models_out_unless_asked()
    {
        Assert.Null(_store.Best(SampleTrials.Sweep, 1, TrialMetrics.TestAccuracy, true)[0].ModelJson);
        Assert.NotNull(_store.Best(SampleTrials.Sweep, 1, TrialMetrics.TestAccuracy, true, includeModels: true)[0].ModelJson);
    }

    [Fact]
    public void The_best_trial_uses_the_sweeps_registered_metric_and_carries_its_model()
    {
        _store.RegisterSweep(SampleTrials.Sweep, SampleTrials.Fingerprint(), 8, TrialMetrics.TestCost);

        TrialResult? best = _store.BestTrial(SampleTrials.Sweep);

        Assert.Equal("worst", best?.TrialId);
        Assert.NotNull(best?.ModelJson);
        Assert.Equal("best", _store.BestTrial(SampleTrials.Sweep, TrialMetrics.TestAccuracy)?.TrialId);
        Assert.Null(_store.BestTrial("no-such-sweep"));
    }

    [Fact]
    public void Unknown_metrics_and_empty_rankings_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => _store.Best(null, 5, "accuracy", true));
        Assert.Throws<ArgumentOutOfRangeException>(() => _store.Best(null, 0, TrialMetrics.TestAccuracy, true));
    }
}
