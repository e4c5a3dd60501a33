using Sweep.Training.Random;

namespace Sweep.Training.Data;

/// <summary>Splits one data set into a training and a test set by a seeded shuffle (no stratification).</summary>
public static class DatasetSplitter
{
    /// <summary>
    /// Draws <c>order = Permutation(n)</c> from <c>RandomSources.Create(kind, seed)</c>; the test set is the first
    /// <c>ceil(testFraction * n)</c> examples of that order and the training set the rest, each in that order. This is
    /// scikit-learn's <c>train_test_split(..., test_size=testFraction, random_state=seed)</c> index for index when
    /// <paramref name="kind"/> is <see cref="RandomKind.Numpy"/>. The same seed and kind always give the same split.
    /// </summary>
    public static DatasetSplit Split(Dataset data, double testFraction, int seed, RandomKind kind = RandomKind.Numpy)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(testFraction > 0.0 && testFraction < 1.0))
        {
            throw new DatasetException($"the test fraction is {testFraction}; it must be between 0 and 1 (exclusive)");
        }

        int n = data.ExampleCount;
        int testCount = (int)Math.Ceiling(testFraction * n);
        int trainCount = n - testCount;
        if (trainCount < 1)
        {
            throw new DatasetException(
                $"a test fraction of {testFraction} leaves no training examples out of {n}; use a smaller fraction or more data");
        }

        int[] order = RandomSources.Create(kind, seed).Permutation(n);
        return new DatasetSplit(data.Select(order[testCount..]), data.Select(order[..testCount]));
    }
}
