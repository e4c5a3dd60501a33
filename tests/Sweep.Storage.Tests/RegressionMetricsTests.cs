using Sweep.Domain;

namespace Sweep.Storage.Tests;

// A regression's RMSE (lower is better) and R^2 (higher is better) are stored, read back and ranked by the store as
// by the one ranking rule.
public sealed class RegressionMetricsTests : IDisposable
{
    private readonly TempStoreFile _file = new();
    private readonly TrialStore _store;

    public RegressionMetricsTests()
    {
        _store = TrialStore.Open(_file.Path);
        _store.StoreBatch(
        [
            Regression("close", rmse: 50.0, r2: 0.60),
            Regression("far", rmse: 80.0, r2: 0.10),
            Regression("middle", rmse: 60.0, r2: 0.45),
        ]);
    }

    public void Dispose()
    {
        _store.Dispose();
        _file.Dispose();
    }

    private static TrialResult Regression(string id, double rmse, double r2) =>
        SampleTrials.Completed(id, double.NaN) with
        {
            TrainAccuracy = null,
            TestAccuracy = null,
            TestRmse = rmse,
            TrainRmse = rmse - 5,
            ValidationRmse = rmse + 1,
            TestR2 = r2,
            TrainR2 = r2 + 0.1,
            ValidationR2 = r2 - 0.01,
            Notes = "2 test cells have a category the training split lacks, encoded as all zeros (sex 2)",
        };

    [Fact]
    public void Rmse_ranks_lowest_first_in_the_store_and_by_the_ranking_rule()
    {
        Assert.False(TrialMetrics.IsHigherBetter(TrialMetrics.TestRmse));
        foreach (string metric in new[] { TrialMetrics.TestRmse, TrialMetrics.TrainRmse, TrialMetrics.ValidationRmse })
        {
            Assert.Equal(["close", "middle", "far"], _store.Best(SampleTrials.Sweep, 10, metric, TrialMetrics.IsHigherBetter(metric)).Select(t => t.TrialId));
        }
    }

    [Fact]
    public void R2_ranks_highest_first_in_the_store_and_by_the_ranking_rule()
    {
        Assert.True(TrialMetrics.IsHigherBetter(TrialMetrics.TestR2));
        foreach (string metric in new[] { TrialMetrics.TestR2, TrialMetrics.TrainR2, TrialMetrics.ValidationR2 })
        {
            Assert.Equal(["close", "middle", "far"], _store.Best(SampleTrials.Sweep, 10, metric, TrialMetrics.IsHigherBetter(metric)).Select(t => t.TrialId));
        }
    }

    [Fact]
    public void Regression_metrics_and_notes_are_read_back_as_stored()
    {
        TrialResult stored = _store.Get("middle")!;

        Assert.Equal((55.0, 60.0, 61.0), (stored.TrainRmse, stored.TestRmse, stored.ValidationRmse));
        Assert.Equal((0.55, 0.45, 0.44), (stored.TrainR2!.Value, stored.TestR2, stored.ValidationR2!.Value), new ToleranceComparer());
        Assert.Null(stored.TestAccuracy);
        Assert.Equal("2 test cells have a category the training split lacks, encoded as all zeros (sex 2)", stored.Notes);
    }

    private sealed class ToleranceComparer : IEqualityComparer<(double, double?, double)>
    {
        public bool Equals((double, double?, double) x, (double, double?, double) y) =>
            Math.Abs(x.Item1 - y.Item1) < 1e-12 && Math.Abs(x.Item2!.Value - y.Item2!.Value) < 1e-12 && Math.Abs(x.Item3 - y.Item3) < 1e-12;

        public int GetHashCode((double, double?, double) obj) => 0;
    }
}
