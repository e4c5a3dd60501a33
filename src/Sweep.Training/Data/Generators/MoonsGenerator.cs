using Sweep.Training.Random;

namespace Sweep.Training.Data.Generators;

/// <summary>
/// Two interleaving half circles, scikit-learn's <c>make_moons(n, noise=noise)</c>: <c>n / 2</c> points on the upper
/// half of the unit circle (class 0), the rest on a lower half circle shifted to <c>(1, 0.5)</c> (class 1), shuffled,
/// then Gaussian noise of standard deviation <c>noise</c> added to each coordinate. With
/// <see cref="RandomKind.Numpy"/> it draws the same numbers as NumPy.
/// </summary>
public static class MoonsGenerator
{
    public const string Name = "moons";

    public static Dataset Generate(int examples, double noise, int seed, RandomKind kind = RandomKind.Numpy)
    {
        GeneratedData.CheckExamples(Name, examples, 2);
        GeneratedData.CheckNoise(Name, noise, "the standard deviation added to each coordinate");
        var random = RandomSources.Create(kind, seed);
        int outer = examples / 2;
        int inner = examples - outer;
        var points = new double[examples * 2];
        var labels = new int[examples];
        double[] outerAngles = GeneratedData.Linspace(0.0, Math.PI, outer, endpoint: true);
        for (int i = 0; i < outer; i++)
        {
            points[2 * i] = Math.Cos(outerAngles[i]);
            points[2 * i + 1] = Math.Sin(outerAngles[i]);
        }

        double[] innerAngles = GeneratedData.Linspace(0.0, Math.PI, inner, endpoint: true);
        for (int i = 0; i < inner; i++)
        {
            int j = outer + i;
            points[2 * j] = 1.0 - Math.Cos(innerAngles[i]);
            points[2 * j + 1] = 1.0 - Math.Sin(innerAngles[i]) - 0.5;
            labels[j] = 1;
        }

        return GeneratedData.Finish(points, labels, 2, 2, random, shuffle: true, noise);
    }
}
