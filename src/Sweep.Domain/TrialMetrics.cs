namespace Sweep.Domain;

/// <summary>The metrics a sweep can rank its completed trials by, and which direction is better.</summary>
public static class TrialMetrics
{
    public const string TrainAccuracy = "train_accuracy";
    public const string TestAccuracy = "test_accuracy";
    public const string TrainCost = "train_cost";
    public const string TestCost = "test_cost";
    public const string ValidationAccuracy = "validation_accuracy";
    public const string ValidationCost = "validation_cost";

    public static IReadOnlyList<string> All { get; } = [TestAccuracy, TrainAccuracy, TestCost, TrainCost, ValidationAccuracy, ValidationCost];

    public static bool IsValid(string? metric) => metric is not null && All.Contains(metric, StringComparer.Ordinal);

    /// <summary>Accuracies are better higher, costs lower.</summary>
    public static bool IsHigherBetter(string metric) => metric switch
    {
        TrainAccuracy or TestAccuracy or ValidationAccuracy => true,
        TrainCost or TestCost or ValidationCost => false,
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
            ValidationAccuracy => trial.ValidationAccuracy,
            ValidationCost => trial.ValidationCost,
            _ => throw Unknown(metric, nameof(metric)),
        };
    }

    /// <summary>Whether <paramref name="metric"/> is measured on the validation set held out of the training data.</summary>
    public static bool IsValidation(string metric) => metric is ValidationAccuracy or ValidationCost;

    /// <summary>
    /// The cost that breaks ties between trials equal by <paramref name="metric"/>: the validation cost for a
    /// validation metric, so that choosing a trial never looks at the test set; the test cost otherwise.
    /// </summary>
    public static string TieBreakCost(string metric) => IsValidation(metric) ? ValidationCost
        : IsValid(metric) ? TestCost
        : throw Unknown(metric, nameof(metric));

    public static ArgumentException Unknown(string? metric, string parameterName) =>
        new($"unknown metric '{metric}': expected one of {string.Join(", ", All)}", parameterName);
}
