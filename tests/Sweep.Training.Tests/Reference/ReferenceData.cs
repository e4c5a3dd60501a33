using Sweep.Training.Random;

namespace Sweep.Training.Tests.Reference;

/// <summary>Seeded random classification data: features standard normal (times a scale), labels uniform over the classes.</summary>
internal static class ReferenceData
{
    /// <summary>Features (features x examples, row-major) and labels (0..classes-1) from NumPy's generator.</summary>
    public static (double[] Features, int[] Labels) Random(int featureCount, int examples, int classes, int seed, double scale = 1.0)
    {
        RandomSource random = RandomSources.Create(RandomKind.Numpy, seed);
        var features = new double[featureCount * examples];
        random.FillGaussian(features);
        for (int i = 0; i < features.Length; i++)
        {
            features[i] *= scale;
        }

        var labels = new int[examples];
        for (int j = 0; j < examples; j++)
        {
            labels[j] = (int)random.NextBounded((uint)(classes - 1));
        }

        return (features, labels);
    }

    /// <summary>The engine's Y for class labels: each class index as a number.</summary>
    public static double[] Y(int[] labels) => [.. labels.Select(l => (double)l)];
}
