using System.Globalization;
using Sweep.Domain;
using Sweep.Insight.Boundaries;
using Sweep.Insight.Tests.Boundaries;

namespace Sweep.Insight.Tests.Report;

/// <summary>Hand-made trials of a sweep over initializer x l2_lambda x keep_prob, with curves, norms and times.</summary>
internal static class ReportTrials
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    public static TrialResult Completed(int index, string initializer, double l2, double keep, double testAccuracy)
    {
        string l2Text = l2.ToString(CultureInfo.InvariantCulture);
        string keepText = keep.ToString(CultureInfo.InvariantCulture);
        return new TrialResult
        {
            TrialId = index.ToString("x16", CultureInfo.InvariantCulture),
            Sweep = "report-test",
            SweepFileHash = "hash",
            Status = TrialResultStatus.Completed,
            Parameters = new Dictionary<string, string> { ["initializer"] = initializer, ["l2_lambda"] = l2Text, ["keep_prob"] = keepText },
            Settings = new Dictionary<string, string> { ["initializer"] = initializer, ["l2_lambda"] = l2Text, ["keep_prob"] = keepText, ["activation"] = "relu", ["iterations"] = "1000" },
            Initializer = initializer,
            L2Lambda = l2,
            KeepProb = keep,
            Activation = "relu",
            Hidden = [10, 5],
            TrainAccuracy = Math.Min(1, testAccuracy + 0.02),
            TestAccuracy = testAccuracy,
            TrainCost = 0.1,
            TestCost = 1 - testAccuracy,
            IterationsRun = 1000,
            CostCurve = [.. Enumerable.Range(0, 11).Select(i => new CostPoint(i * 100, 0.7 * Math.Exp(-i * testAccuracy / 3)))],
            LayerNorms = [.. Enumerable.Range(0, 11).Select(i => new LayerNormsPoint(i * 100, [1.0 + i * 0.1, 2.0, 1.5], [0.1 / (i + 1), 0.2 / (i + 1), 0.3 / (i + 1)]))],
            GradientFlow = "healthy",
            GradientNormRatio = 0.5 + testAccuracy,
            GradcheckDifference = 1e-9 * (1 + index % 7),
            Node = index % 2 == 0 ? "node-a" : "node-b",
            DurationMs = 1000,
            StartedAt = Start.AddSeconds(index),
            FinishedAt = Start.AddSeconds(index + 1),
        };
    }

    /// <summary>A regression's trial: RMSE and R^2 where a classifier's has accuracies; l2_lambda 0.1 x index.</summary>
    public static TrialResult Regression(int index, double testRmse, double testR2) => Completed(index, "he", 0.1 * index, 1, 0) with
    {
        TrainAccuracy = null,
        TestAccuracy = null,
        TestRmse = testRmse,
        TestR2 = testR2,
    };

    public static TrialResult Diverged(int index) => Completed(index, "random:10", 0, 1, 0) with
    {
        Status = TrialResultStatus.Diverged,
        Message = "cost is NaN at iteration 300",
        TrainAccuracy = null,
        TestAccuracy = null,
        TrainCost = null,
        TestCost = null,
        IterationsRun = 300,
        CostCurve = [new CostPoint(0, 5.2), new CostPoint(100, 40), new CostPoint(200, 900), new CostPoint(300, double.NaN)],
        LayerNorms = [new LayerNormsPoint(0, [30, 30, 30], [1, 10, 100]), new LayerNormsPoint(200, [300, 3000, 1e5], [1e3, 1e6, double.PositiveInfinity])],
        GradientFlow = "diverged",
        GradientNormRatio = double.NaN,
    };

    public static TrialResult GradcheckFailed(int index) => Completed(index, "he", 0.7, 0.86, 0) with
    {
        Status = TrialResultStatus.GradcheckFailed,
        Message = "gradient check failed: difference 0.2",
        GradcheckDifference = 0.2,
        GradcheckWorst = "W2[0,3] (backprop 0.0123, numeric 0.0456)",
        TrainAccuracy = null,
        TestAccuracy = null,
        TrainCost = null,
        TestCost = null,
        IterationsRun = 0,
        CostCurve = [],
        LayerNorms = [],
        GradientFlow = null,
        GradientNormRatio = null,
    };

    /// <summary>Two-feature data and, for every trial, a model whose boundary is x1 = x2 (tilted a little per trial).</summary>
    public static BoundaryData Boundaries() =>
        BoundaryData.Of(LinearModels.Points(), id => LinearModels.Logistic(1, -1 - (id.GetHashCode() & 7) / 10.0, 0));

    /// <summary>Six completed trials over he and zeros (test accuracies all different), one diverged, one gradcheck_failed.</summary>
    public static IReadOnlyList<TrialResult> Small() =>
    [
        Completed(1, "he", 0, 1, 0.91),
        Completed(2, "he", 0.7, 0.86, 0.95),
        Completed(3, "he", 0.7, 1, 0.93),
        Completed(4, "zeros", 0, 1, 0.5),
        Completed(5, "zeros", 0.7, 0.86, 0.52),
        Completed(6, "he", 0, 0.86, 0.94),
        Diverged(7),
        GradcheckFailed(8),
    ];

    /// <summary>A sweep of <paramref name="count"/> trials: one in 50 diverged, one in 97 failed its gradient check.</summary>
    public static IReadOnlyList<TrialResult> Many(int count)
    {
        string[] initializers = ["zeros", "random:10", "he", "xavier"];
        double[] lambdas = [0, 0.01, 0.1, 0.7, 1, 3];
        double[] keeps = [0.5, 0.7, 0.86, 1];
        return [.. Enumerable.Range(1, count).Select(i =>
            i % 50 == 0 ? Diverged(i)
            : i % 97 == 0 ? GradcheckFailed(i)
            : Completed(i, initializers[i % 4], lambdas[i / 4 % 6], keeps[i / 24 % 4], 0.5 + (i * 7919 % 4999) / 10000.0))];
    }
}
