namespace Sweep.Domain;

/// <summary>The metrics a sweep can rank its completed trials by, and which direction is better.</summary>
public static class TrialMetrics
{
    public const string TrainAccuracy = "train_accuracy";
    public const string TestAccuracy = "test_accuracy";
    public const string TrainCost = "train_cost";
    public const string TestCost = "test_cost";

    public static IReadOnlyList<string> All { get; } = [TestAccuracy, TrainAccuracy, TestCost, TrainCost];

    public static bool IsValid(string? metric) => metric is not null && All.Contains(metric, StringComparer.Ordinal);

    /// <summary>Accuracies are better higher, costs lower.</summary>
    public static bool IsHigherBetter(string metric) => metric switch
    {
        TrainAccuracy or TestAccuracy => true,
        TrainCost or TestCost => false,
        _ => throw Unknown(metric, nameof(metric)),
    };

    /// <summary>The value of <paramref name="metric"/> for a trial; null when the trial has none.</summary>
    public static double? ValueOf(TrialResult trial, string metric)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return metric switch
        {
            TrainAccuracy => trial.TrainAccuracy,
            TestAccuracy => trial.TestAccuracy,
            TrainCost => trial.TrainCost,
            TestCost => trial.TestCost,
            _ => throw Unknown(metric, nameof(metric)),
        };
    }

    public static ArgumentException Unknown(string? metric, string parameterName) =>
        new($"unknown metric '{metric}': expected one of {string.Join(", ", All)}", parameterName);
}
