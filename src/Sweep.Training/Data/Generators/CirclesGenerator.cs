using Sweep.Training.Random;

namespace Sweep.Training.Data.Generators;

/// <summary>
/// Two concentric circles, scikit-learn's <c>make_circles(n, noise=noise, factor=factor)</c>: <c>n / 2</c> points
/// evenly spaced on the unit circle (class 0), the rest on a circle of radius <c>factor</c> (class 1), shuffled, then
/// Gaussian noise of standard deviation <c>noise</c> added to each coordinate. With <see cref="RandomKind.Numpy"/> it
/// draws the same numbers as NumPy: seed 1, 300 examples and noise 0.05 give the course's circles training set
/// (labels exactly; coordinates to the last bit or two, where NumPy's vectorized cos and sin round differently).
/// </summary>
public static class CirclesGenerator
{
    public const string Name = "circles";

    /// <summary>scikit-learn's default inner radius.</summary>
    public const double DefaultFactor = 0.8;

    public static Dataset Generate(int examples, double noise, int seed, RandomKind kind = RandomKind.Numpy, double factor = DefaultFactor)
    {
        GeneratedData.CheckExamples(Name, examples, 2);
        GeneratedData.CheckNoise(Name, noise, "the standard deviation added to each coordinate");
        if (!(factor >= 0.0 && factor < 1.0))
        {
            throw new DatasetException($"the circles generator's factor (inner radius over outer radius) must be in [0, 1), not {factor}");
        }

        var random = RandomSources.Create(kind, seed);
        int outer = examples / 2;
        int inner = examples - outer;
        var points = new double[examples * 2];
        var labels = new int[examples];
        double[] outerAngles = GeneratedData.Linspace(0.0, 2.0 * Math.PI, outer, endpoint: false);
        for (int i = 0; i < outer; i++)
        {
            points[2 * i] = Math.Cos(outerAngles[i]);
            points[2 * i + 1] = Math.Sin(outerAngles[i]);
        }

        double[] innerAngles = GeneratedData.Linspace(0.0, 2.0 * Math.PI, inner, endpoint: false);
        for (int i = 0; i < inner; i++)
        {
            int j = outer + i;
            points[2 * j] = Math.Cos(innerAngles[i]) * factor;
            points[2 * j + 1] = Math.Sin(innerAngles[i]) * factor;
            labels[j] = 1;
        }

        return GeneratedData.Finish(points, labels, 2, 2, random, shuffle: true, noise);
    }
}
