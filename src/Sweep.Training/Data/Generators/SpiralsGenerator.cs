using Sweep.Training.Random;

namespace Sweep.Training.Data.Generators;

/// <summary>
/// k interleaved spiral arms, the CS231n "spiral data": for class j, radius <c>r = linspace(0, 1, N)</c> and angle
/// <c>t = linspace(4j, 4(j+1), N) + noise * randn(N)</c>, point <c>(r sin t, r cos t)</c>. The noise is the standard
/// deviation of the angle in radians (CS231n uses 0.2). Examples are split evenly over the classes (the first
/// <c>n % k</c> get one more) and stay in class order, as in CS231n; with <see cref="RandomKind.Numpy"/> the numbers
/// are NumPy's.
/// </summary>
public static class SpiralsGenerator
{
    public const string Name = "spirals";

    /// <summary>CS231n's number of arms.</summary>
    public const int DefaultClasses = 3;

    public static Dataset Generate(int examples, double noise, int seed, RandomKind kind = RandomKind.Numpy, int classes = DefaultClasses)
    {
        GeneratedData.CheckClasses(Name, classes);
        GeneratedData.CheckExamples(Name, examples, classes);
        GeneratedData.CheckNoise(Name, noise, "the standard deviation of each angle, in radians");
        var random = RandomSources.Create(kind, seed);
        var points = new double[examples * 2];
        var labels = new int[examples];
        int j = 0;
        int[] counts = GeneratedData.CountsPerClass(examples, classes);
        for (int c = 0; c < classes; c++)
        {
            int count = counts[c];
            double[] radii = GeneratedData.Linspace(0.0, 1.0, count, endpoint: true);
            double[] angles = GeneratedData.Linspace(c * 4.0, (c + 1) * 4.0, count, endpoint: true);
            for (int i = 0; i < count; i++, j++)
            {
                double angle = angles[i] + random.NextGaussian() * noise;
                points[2 * j] = radii[i] * Math.Sin(angle);
                points[2 * j + 1] = radii[i] * Math.Cos(angle);
                labels[j] = c;
            }
        }

        return GeneratedData.Finish(points, labels, 2, classes, random, shuffle: false, noise: 0.0);
    }
}
