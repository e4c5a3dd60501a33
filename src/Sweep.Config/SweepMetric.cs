namespace Sweep.Config;

/// <summary>
/// What <c>best</c> ranks trials by: an accuracy (higher is better) or a final cost (lower is better), on the training,
/// test or validation set. Choosing among many trials by a test metric biases the winner's test score upward; a
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

    public static IReadOnlyList<SweepMetric> All { get; } = [TestAccuracy, TrainAccuracy, TestCost, TrainCost, ValidationAccuracy, ValidationCost];

    /// <summary>Whether the metric is measured on the validation set, which the dataset must then hold out.</summary>
    public bool IsValidation => this == ValidationAccuracy || this == ValidationCost;

    /// <summary>Whether <paramref name="candidate"/> ranks above <paramref name="incumbent"/>; NaN ranks below everything.</summary>
    public bool IsBetter(double candidate, double incumbent) =>
        !double.IsNaN(candidate) && (double.IsNaN(incumbent) || (HigherIsBetter ? candidate > incumbent : candidate < incumbent));
}
