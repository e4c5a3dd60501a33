using System.Numerics.Tensors;
using Sweep.Training.Data;

namespace Sweep.Training.Normalization;

/// <summary>
/// Per-feature standardization <c>x' = (x - Mean[f]) / Std[f]</c>, fitted on the training set only and then applied
/// unchanged to the training, test and any later data. <see cref="Std"/> is the population standard deviation
/// (ddof 0, as NumPy's <c>std</c> and scikit-learn's <c>StandardScaler</c>), except that a constant feature stores
/// mean = its value and std = 1, so it maps to exactly 0 instead of dividing by zero.
/// The state is the two public arrays, so a saved model can store it (System.Text.Json round-trips it through the
/// constructor) and rebuild the same normalizer.
/// </summary>
public sealed class ZScoreNormalizer
{
    public ZScoreNormalizer(double[] mean, double[] std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Length != std.Length || mean.Length == 0)
        {
            throw new ArgumentException($"{mean.Length} means and {std.Length} standard deviations: expected one of each per feature", nameof(std));
        }

        foreach (double s in std)
        {
            if (!(s > 0.0) || !double.IsFinite(s))
            {
                throw new ArgumentException($"standard deviation {s} is not a positive finite number", nameof(std));
            }
        }

        Mean = mean;
        Std = std;
    }

    /// <summary>The training mean of each feature.</summary>
    public double[] Mean { get; }

    /// <summary>The divisor of each feature: its training population standard deviation, or 1 for a constant feature.</summary>
    public double[] Std { get; }

    public int FeatureCount => Mean.Length;

    /// <summary>
    /// Fits on <paramref name="train"/>: the mean, then the root of the mean squared deviation from it. The sums run
    /// in plain sequential order, not vectorized, so the statistics (and so every trial that uses them) are bit for
    /// bit the same on machines with different vector widths.
    /// </summary>
    public static ZScoreNormalizer Fit(Dataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        int n = train.ExampleCount;
        if (n == 0)
        {
            throw new ArgumentException("cannot fit a normalization on a data set with no examples", nameof(train));
        }

        var mean = new double[train.FeatureCount];
        var std = new double[train.FeatureCount];
        for (int f = 0; f < train.FeatureCount; f++)
        {
            ReadOnlySpan<double> row = train.Features.AsSpan(f * n, n);
            double first = row[0];
            double sum = 0.0;
            bool constant = true;
            foreach (double x in row)
            {
                sum += x;
                constant &= x == first;
            }

            if (!double.IsFinite(sum))
            {
                throw new ArgumentException($"feature '{train.FeatureNames[f]}' has values that are not finite or sum beyond double range", nameof(train));
            }

            if (constant)
            {
                // The computed mean of a constant can be off by an ulp, which would leave tiny non-zero values.
                mean[f] = first;
                std[f] = 1.0;
                continue;
            }

            double m = sum / n;
            double squares = 0.0;
            foreach (double x in row)
            {
                double d = x - m;
                squares += d * d;
            }

            mean[f] = m;
            std[f] = Math.Sqrt(squares / n);
        }

        return new ZScoreNormalizer(mean, std);
    }

    /// <summary>A new data set with normalized features and the same labels, targets, classes and feature names; the input is not changed.</summary>
    public Dataset Apply(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount != FeatureCount)
        {
            throw new ArgumentException($"the data has {data.FeatureCount} features but the normalization was fitted on {FeatureCount}", nameof(data));
        }

        var features = (double[])data.Features.Clone();
        ApplyInPlace(features, data.ExampleCount);
        return data.WithFeatures(features, data.FeatureCount, data.FeatureNames);
    }

    /// <summary>
    /// Normalizes features stored features x examples (row-major, as <see cref="Dataset.Features"/>) in place:
    /// <c>features[f * exampleCount + j] = (features[f * exampleCount + j] - Mean[f]) / Std[f]</c>. NaN stays NaN.
    /// </summary>
    public void ApplyInPlace(Span<double> features, int exampleCount)
    {
        if (exampleCount < 0 || features.Length != FeatureCount * exampleCount)
        {
            throw new ArgumentException($"features hold {features.Length} values, not {FeatureCount} x {exampleCount}", nameof(features));
        }

        for (int f = 0; f < FeatureCount; f++)
        {
            Span<double> row = features.Slice(f * exampleCount, exampleCount);

            // Elementwise, so the result does not depend on the vector width; divide rather than multiply by 1/std
            // to get the same values as NumPy's (x - mean) / std.
            TensorPrimitives.Subtract(row, Mean[f], row);
            TensorPrimitives.Divide(row, Std[f], row);
        }
    }
}
