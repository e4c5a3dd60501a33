namespace Sweep.Domain;

/// <summary>
/// The metrics a sweep can rank its completed trials by, and which direction is better: accuracies (classifiers)
/// and R^2 (regressions) higher, costs and root mean squared errors lower.
/// </summary>
public static class TrialMetrics
{
    public const string TrainAccuracy = "train_accuracy";
    public const string TestAccuracy = "test_accuracy";
    public const string TrainCost = "train_cost";
    public const string TestCost = "test_cost";
    public const string ValidationAccuracy = "validation_accuracy";
    public const string ValidationCost = "validation_cost";
    public const string TrainRmse = "train_rmse";
    public const string TestRmse = "test_rmse";
    public const string ValidationRmse = "validation_rmse";
    public const string TrainR2 = "train_r2";
    public const string TestR2 = "test_r2";
    public const string ValidationR2 = "validation_r2";

    public static IReadOnlyList<string> All { get; } =
        [TestAccuracy, TrainAccuracy, TestCost, TrainCost, ValidationAccuracy, ValidationCost, TestRmse, TrainRmse, ValidationRmse, TestR2, TrainR2, ValidationR2];

    public static bool IsValid(string? metric) => metric is not null && All.Contains(metric, StringComparer.Ordinal);

    /// <summary>Accuracies and R^2 are better higher, costs and RMSE lower.</summary>
    public static bool IsHigherBetter(string metric) => metric switch
    {
        TrainAccuracy or TestAccuracy or ValidationAccuracy or TrainR2 or TestR2 or ValidationR2 => true,
        TrainCost or TestCost or ValidationCost or TrainRmse or TestRmse or ValidationRmse => false,
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
            TrainRmse => trial.TrainRmse,
            TestRmse => trial.TestRmse,
            ValidationRmse => trial.ValidationRmse,
            TrainR2 => trial.TrainR2,
            TestR2 => trial.TestR2,
            ValidationR2 => trial.ValidationR2,
            _ => throw Unknown(metric, nameof(metric)),
        };
    }

    /// <summary>Whether <paramref name="metric"/> is measured on the validation set held out of the training data.</summary>
    public static bool IsValidation(string metric) => metric is ValidationAccuracy or ValidationCost or ValidationRmse or ValidationR2;

    /// <summary>Whether <paramref name="metric"/> measures a regression (RMSE, R^2) rather than a classifier (accuracy); costs measure both.</summary>
    public static bool IsRegression(string metric) => metric is TrainRmse or TestRmse or ValidationRmse or TrainR2 or TestR2 or ValidationR2;

    /// <summary>
    /// For a regression metric, the other one of the same split (R^2 beside an RMSE, the RMSE beside an R^2): a table
    /// ranked by one shows both, as scikit-learn users read a regression. Null for a classifier's metric or a cost.
    /// </summary>
    public static string? RegressionCompanion(string metric) => metric switch
    {
        TrainRmse => TrainR2,
        TestRmse => TestR2,
        ValidationRmse => ValidationR2,
        TrainR2 => TrainRmse,
        TestR2 => TestRmse,
        ValidationR2 => ValidationRmse,
        _ => null,
    };

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
