using Sweep.Training.Random;

namespace Sweep.Training.Data;

/// <summary>
/// Splits one data set into a training and a test set, and holds a validation set out of the training set, by seeded
/// shuffles (no stratification).
/// </summary>
public static class DatasetSplitter
{
    /// <summary>
    /// Draws <c>order = Permutation(n)</c> from <c>RandomSources.Create(kind, seed)</c>; the test set is the first
    /// <c>ceil(testFraction * n)</c> examples of that order and the training set the rest, each in that order. This is
    /// scikit-learn's <c>train_test_split(..., test_size=testFraction, random_state=seed)</c> index for index when
    /// <paramref name="kind"/> is <see cref="RandomKind.Numpy"/>. The same seed and kind always give the same split.
    /// With a <paramref name="validationFraction"/>, the validation set is then drawn from the training set by the
    /// same generator's next permutation (see <see cref="HoldOutValidation(DatasetSplit, double, RandomSource)"/>); without
    /// one the split is exactly the two-way split.
    /// </summary>
    public static DatasetSplit Split(Dataset data, double testFraction, int seed, RandomKind kind = RandomKind.Numpy, double? validationFraction = null)
    {
        RandomSource source = RandomSources.Create(kind, seed);
        DatasetSplit split = Split(data, testFraction, source);
        return validationFraction is { } fraction ? HoldOutValidation(split, fraction, source) : split;
    }

    /// <summary>
    /// The two-way split by <c>order = source.Permutation(n)</c>, leaving <paramref name="source"/> where a validation
    /// split continues from (<see cref="HoldOutValidation(DatasetSplit, double, RandomSource)"/>).
    /// </summary>
    public static DatasetSplit Split(Dataset data, double testFraction, RandomSource source)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(source);
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

        int[] order = source.Permutation(n);
        return new DatasetSplit(data.Select(order[testCount..]), data.Select(order[..testCount]));
    }

    /// <summary>
    /// Holds a validation set out of the training set of a split whose test set came from a file of its own: the
    /// permutation is the first one of <c>RandomSources.Create(kind, seed)</c>, over the training examples.
    /// </summary>
    public static DatasetSplit HoldOutValidation(DatasetSplit split, double validationFraction, int seed, RandomKind kind = RandomKind.Numpy) =>
        HoldOutValidation(split, validationFraction, RandomSources.Create(kind, seed));

    /// <summary>
    /// Draws <c>order = Permutation(n_train)</c> from <paramref name="source"/>; the validation set is the first
    /// <c>ceil(validationFraction * n_train)</c> training examples of that order and the training set the rest, each in
    /// that order. After a test split <paramref name="source"/> is the generator that drew the test permutation, so in
    /// NumPy terms <c>rs = RandomState(seed); test_order = rs.permutation(n); validation_order = rs.permutation(n_train)</c>:
    /// a permutation of its own over the remaining rows rather than the next slice of the test permutation, so the
    /// validation draw does not depend on where in that permutation the test rows ended.
    /// </summary>
    public static DatasetSplit HoldOutValidation(DatasetSplit split, double validationFraction, RandomSource source)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(source);
        if (!(validationFraction > 0.0 && validationFraction < 1.0))
        {
            throw new DatasetException($"the validation fraction is {validationFraction}; it must be between 0 and 1 (exclusive)");
        }

        int n = split.Train.ExampleCount;
        int validationCount = (int)Math.Ceiling(validationFraction * n);
        if (n - validationCount < 1)
        {
            throw new DatasetException(
                $"a validation fraction of {validationFraction} leaves no training examples out of the {n} it splits; use a smaller fraction or more data");
        }

        int[] order = source.Permutation(n);
        return split with { Train = split.Train.Select(order[validationCount..]), Validation = split.Train.Select(order[..validationCount]) };
    }
}
