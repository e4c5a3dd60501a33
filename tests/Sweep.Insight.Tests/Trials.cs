using Sweep.Domain;

namespace Sweep.Insight.Tests;

/// <summary>Hand-made trials: a completed, healthy two-class trial unless a test says otherwise.</summary>
internal static class Trials
{
    private static int _next;

    /// <param name="parameters">The searched settings as "name=value" pairs.</param>
    public static TrialResult Completed(params string[] parameters)
    {
        var values = parameters.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        int id = Interlocked.Increment(ref _next);
        return new TrialResult
        {
            TrialId = id.ToString("x16", System.Globalization.CultureInfo.InvariantCulture),
            Sweep = "hand-made",
            SweepFileHash = "hash",
            Status = TrialResultStatus.Completed,
            Parameters = values,
            Settings = values,
            Initializer = values.GetValueOrDefault("initializer", "he"),
            Activation = values.GetValueOrDefault("activation", "relu"),
            Hidden = [10, 5],
            TrainAccuracy = 0.95,
            TestAccuracy = 0.94,
            TrainCost = 0.1,
            TestCost = 0.15,
            IterationsRun = 1000,
            CostCurve = [new CostPoint(0, 0.7), new CostPoint(999, 0.1)],
            GradientFlow = "healthy",
            GradientNormRatio = 0.9,
            GradcheckDifference = 1e-9,
        };
    }

    public static TrialResult Diverged(string message, params string[] parameters) => Completed(parameters) with
    {
        Status = TrialResultStatus.Diverged,
        Message = message,
        TrainAccuracy = null,
        TestAccuracy = null,
        TrainCost = null,
        TestCost = null,
        IterationsRun = 9,
        CostCurve = [new CostPoint(0, 0.7), new CostPoint(8, double.PositiveInfinity)],
        GradientFlow = "diverged",
        GradientNormRatio = double.NaN,
    };

    public static TrialResult GradcheckFailed(double difference, string worst, params string[] parameters) => Completed(parameters) with
    {
        Status = TrialResultStatus.GradcheckFailed,
        Message = "gradient check failed",
        GradcheckDifference = difference,
        GradcheckWorst = worst,
        TrainAccuracy = null,
        TestAccuracy = null,
        TrainCost = null,
        TestCost = null,
        IterationsRun = 0,
        CostCurve = [],
        GradientFlow = null,
        GradientNormRatio = null,
    };

    public static SweepTrials TwoClasses(params TrialResult[] trials) => new(trials, 2);
}
