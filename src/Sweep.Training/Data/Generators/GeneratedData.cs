using System.Globalization;
using Sweep.Training.Random;

namespace Sweep.Training.Data.Generators;

/// <summary>What the generators share: NumPy's <c>linspace</c>, argument checks, and turning points into a set.</summary>
internal static class GeneratedData
{
    /// <summary>
    /// NumPy's <c>linspace(start, stop, count, endpoint)</c> computed as NumPy does (<c>i * step + start</c>, the last
    /// value set to <paramref name="stop"/> when it is included), so generated points match scikit-learn's.
    /// </summary>
    public static double[] Linspace(double start, double stop, int count, bool endpoint)
    {
        var values = new double[count];
        int divisions = endpoint ? count - 1 : count;
        if (divisions == 0)
        {
            if (count == 1)
            {
                values[0] = start;
            }

            return values;
        }

        double step = (stop - start) / divisions;
        for (int i = 0; i < count; i++)
        {
            values[i] = i * step + start;
        }

        if (endpoint)
        {
            values[count - 1] = stop;
        }

        return values;
    }

    /// <summary>
    /// Makes the set from points stored examples x dimensions (row-major, as scikit-learn builds them): when
    /// <paramref name="shuffle"/>, reorders them by <c>random.Permutation(n)</c> (scikit-learn's <c>shuffle</c>);
    /// then adds <c>noise * NextGaussian()</c> to every coordinate in row-major order (its
    /// <c>X += normal(scale=noise, size=X.shape)</c>), drawing nothing when the noise is 0.
    /// </summary>
    public static Dataset Finish(double[] points, int[] labels, int dimensions, int classCount, RandomSource random, bool shuffle, double noise)
    {
        int n = labels.Length;
        int[]? order = shuffle ? random.Permutation(n) : null;
        var features = new double[n * dimensions];
        var shuffledLabels = new int[n];
        for (int j = 0; j < n; j++)
        {
            int source = order is null ? j : order[j];
            shuffledLabels[j] = labels[source];
            for (int f = 0; f < dimensions; f++)
            {
                features[f * n + j] = points[source * dimensions + f];
            }
        }

        if (noise > 0.0)
        {
            for (int j = 0; j < n; j++)
            {
                for (int f = 0; f < dimensions; f++)
                {
                    features[f * n + j] += noise * random.NextGaussian();
                }
            }
        }

        return new Dataset(features, dimensions, shuffledLabels, ClassNames(classCount), FeatureNames(dimensions));
    }

    /// <summary>Classes <c>"0"</c> .. <c>"k-1"</c>; for two classes that is the binary ["0","1"].</summary>
    public static string[] ClassNames(int count) =>
        [.. Enumerable.Range(0, count).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    /// <summary>Features <c>x1</c> .. <c>xd</c>, the column names of the course's CSV files.</summary>
    public static string[] FeatureNames(int dimensions) =>
        [.. Enumerable.Range(1, dimensions).Select(i => "x" + i.ToString(CultureInfo.InvariantCulture))];

    /// <summary>Example counts per class: <c>n / k</c> each, the first <c>n % k</c> classes one more.</summary>
    public static int[] CountsPerClass(int examples, int classes)
    {
        var counts = new int[classes];
        for (int c = 0; c < classes; c++)
        {
            counts[c] = examples / classes + (c < examples % classes ? 1 : 0);
        }

        return counts;
    }

    public static void CheckExamples(string generator, int examples, int minimum)
    {
        if (examples < minimum)
        {
            throw new DatasetException($"the {generator} generator needs at least {minimum} examples, not {examples}");
        }

        if (examples > GeneratorLimits.MaxExamples)
        {
            throw new DatasetException($"the {generator} generator makes at most {GeneratorLimits.MaxExamples} examples, not {examples}");
        }
    }

    public static void CheckNoise(string generator, double noise, string meaning)
    {
        if (!(noise >= 0.0 && noise <= GeneratorLimits.MaxNoise))
        {
            throw new DatasetException($"the {generator} generator's noise ({meaning}) must be a number from 0 to {GeneratorLimits.MaxNoise:0}, not {noise}");
        }
    }

    public static void CheckClasses(string generator, int classes)
    {
        if (classes < 2 || classes > GeneratorLimits.MaxClasses)
        {
            throw new DatasetException($"the {generator} generator makes 2 to {GeneratorLimits.MaxClasses} classes, not {classes}");
        }
    }

    public static void CheckDimensions(string generator, int examples, int dimensions)
    {
        if (dimensions < 1 || dimensions > GeneratorLimits.MaxDimensions)
        {
            throw new DatasetException($"the {generator} generator makes 1 to {GeneratorLimits.MaxDimensions} dimensions, not {dimensions}");
        }

        if ((long)examples * dimensions > GeneratorLimits.MaxValues)
        {
            throw new DatasetException(
                $"the {generator} generator makes at most {GeneratorLimits.MaxValues} coordinates (examples x dimensions), not {examples} x {dimensions}");
        }
    }
}
