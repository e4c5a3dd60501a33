namespace Sweep.Training.Networks;

/// <summary>
/// How a network does on a data set. A classifier has <see cref="Accuracy"/>; a regression has
/// <see cref="Rmse"/> and <see cref="R2"/> in the target's own units. <see cref="Cost"/> is the mean loss without L2:
/// the cross-entropy, or <c>(1/2m) sum (a - y)^2</c> on the standardized target.
/// </summary>
public sealed record Evaluation(double? Accuracy, double Cost)
{
    /// <summary><c>sqrt((1/m) sum (prediction - y)^2)</c> in the target's units; null for a classifier.</summary>
    public double? Rmse { get; init; }

    /// <summary><c>1 - sum (prediction - y)^2 / sum (y - mean(y))^2</c>, the mean of the set evaluated (scikit-learn's <c>r2_score</c>); null for a classifier.</summary>
    public double? R2 { get; init; }
}
