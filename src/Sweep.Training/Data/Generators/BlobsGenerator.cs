using Sweep.Training.Random;

namespace Sweep.Training.Data.Generators;

/// <summary>
/// Isotropic Gaussian blobs, scikit-learn's <c>make_blobs(n, n_features=dimensions, centers=classes,
/// cluster_std=noise)</c>: centers drawn uniformly from [-10, 10) in every dimension, then <c>n / k</c> points per
/// center (the first <c>n % k</c> centers one more) with standard deviation <c>noise</c>, class i around center i,
/// shuffled. With <see cref="RandomKind.Numpy"/> it draws the same numbers as NumPy.
/// </summary>
public static class BlobsGenerator
{
    public const string Name = "blobs";

    public const int DefaultClasses = 3;

    public const int DefaultDimensions = 2;

    /// <summary>Centers are drawn uniformly from [-CenterBox, CenterBox), scikit-learn's default box.</summary>
    public const double CenterBox = 10.0;

    public static Dataset Generate(
        int examples,
        double noise,
        int seed,
        RandomKind kind = RandomKind.Numpy,
        int classes = DefaultClasses,
        int dimensions = DefaultDimensions)
    {
        GeneratedData.CheckClasses(Name, classes);
        GeneratedData.CheckExamples(Name, examples, classes);
        GeneratedData.CheckNoise(Name, noise, "the standard deviation of each blob");
        GeneratedData.CheckDimensions(Name, examples, dimensions);

        var random = RandomSources.Create(kind, seed);
        var centers = new double[classes * dimensions];
        for (int i = 0; i < centers.Length; i++)
        {
            centers[i] = -CenterBox + 2.0 * CenterBox * random.NextDouble();
        }

        var points = new double[examples * dimensions];
        var labels = new int[examples];
        int j = 0;
        int[] counts = GeneratedData.CountsPerClass(examples, classes);
        for (int c = 0; c < classes; c++)
        {
            for (int i = 0; i < counts[c]; i++, j++)
            {
                for (int f = 0; f < dimensions; f++)
                {
                    points[j * dimensions + f] = centers[c * dimensions + f] + noise * random.NextGaussian();
                }

                labels[j] = c;
            }
        }

        return GeneratedData.Finish(points, labels, dimensions, classes, random, shuffle: true, noise: 0.0);
    }
}
