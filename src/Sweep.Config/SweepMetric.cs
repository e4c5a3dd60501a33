namespace Sweep.Config;

/// <summary>
/// What <c>best</c> ranks trials by: an accuracy or R^2 (higher is better), or a final cost or RMSE (lower is better),
/// on the training, test or validation set. Choosing among many trials by a test metric biases the winner's test score upward; a
/// validation metric chooses without looking at the test set.
/// </summary>
public sealed record SweepMetric(string Name, bool HigherIsBetter)
{
    public static SweepMetric TestAccuracy { get; } = new("test_accuracy", true);

    public static SweepMetric TrainAccuracy { get; } = new("train_accuracy", true);

    public static SweepMetric TestCost { get; } = new("test_cost", false);

    public static SweepMetric TrainCost { get; } = new("train_cost", false);

    public static SweepMetric ValidationAccuracy { get; } = new("validation_accuracy", true);

    public static SweepMetric ValidationCost { get; } = new("validation_cost", false);

    public static SweepMetric TestRmse { get; } = new("test_rmse", false);

    public static SweepMetric TrainRmse { get; } = new("train_rmse", false);

    public static SweepMetric ValidationRmse { get; } = new("validation_rmse", false);

    public static SweepMetric TestR2 { get; } = new("test_r2", true);

    public static SweepMetric TrainR2 { get; } = new("train_r2", true);

    public static SweepMetric ValidationR2 { get; } = new("validation_r2", true);

    public static IReadOnlyList<SweepMetric> All { get; } =
        [TestAccuracy, TrainAccuracy, TestCost, TrainCost, ValidationAccuracy, ValidationCost, TestRmse, TrainRmse, ValidationRmse, TestR2, TrainR2, ValidationR2];

    /// <summary>Whether the metric is measured on the validation set, which the dataset must then hold out.</summary>
    public bool IsValidation => this == ValidationAccuracy || this == ValidationCost || this == ValidationRmse || this == ValidationR2;

    /// <summary>Whether the metric measures a regression (RMSE, R^2); accuracies measure classifiers, costs both.</summary>
    public bool IsRegression => Name.EndsWith("_rmse", StringComparison.Ordinal) || Name.EndsWith("_r2", StringComparison.Ordinal);

    /// <summary>Whether the metric measures a classifier (an accuracy).</summary>
    public bool IsClassification => Name.EndsWith("_accuracy", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="candidate"/> ranks above <paramref name="incumbent"/>; NaN ranks below everything.</summary>
    public bool IsBetter(double candidate, double incumbent) =>
        !double.IsNaN(candidate) && (double.IsNaN(incumbent) || (HigherIsBetter ? candidate > incumbent : candidate < incumbent));
}
