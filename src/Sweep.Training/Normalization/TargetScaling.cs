namespace Sweep.Training.Normalization;

/// <summary>
/// A regression target standardized for training, <c>y' = (y - Mean) / Std</c>, with the training split's mean and
/// population standard deviation (1 for a constant target), and mapped back to its own units for every reported
/// number and prediction, <c>y = Mean + Std * y'</c>. The state is the two public numbers, so a saved model stores it.
/// </summary>
public sealed record TargetScaling
{
    public TargetScaling(double mean, double std)
    {
        if (!double.IsFinite(mean) || !(std > 0.0) || !double.IsFinite(std))
        {
            throw new ArgumentException($"a target scaling needs a finite mean and a positive finite standard deviation (got {mean}, {std})");
        }

        Mean = mean;
        Std = std;
    }

    public double Mean { get; }

    public double Std { get; }

    /// <summary>The mean and population standard deviation of <paramref name="trainTargets"/>, summed in order.</summary>
    public static TargetScaling Fit(ReadOnlySpan<double> trainTargets)
    {
        if (trainTargets.IsEmpty)
        {
            throw new ArgumentException("cannot fit a target scaling on no examples", nameof(trainTargets));
        }

        double sum = 0.0;
        foreach (double y in trainTargets)
        {
            sum += y;
        }

        double mean = sum / trainTargets.Length;
        double squares = 0.0;
        foreach (double y in trainTargets)
        {
            double d = y - mean;
            squares += d * d;
        }

        double std = Math.Sqrt(squares / trainTargets.Length);
        return new TargetScaling(mean, std > 0.0 ? std : 1.0);
    }

    public double[] Standardize(ReadOnlySpan<double> targets)
    {
        var scaled = new double[targets.Length];
        for (int j = 0; j < targets.Length; j++)
        {
            scaled[j] = (targets[j] - Mean) / Std;
        }

        return scaled;
    }

    public double ToOwnUnits(double standardized) => Mean + Std * standardized;
}
