using Sweep.Training.Data;
using Sweep.Training.Random;

namespace Sweep.Training.Tests.Data;

public sealed class ValidationSplitTests
{
    [Theory]
    [InlineData(RandomKind.Numpy)]
    [InlineData(RandomKind.Xoshiro)]
    public void Validation_after_a_test_fraction_is_disjoint_from_train_and_test_and_together_they_are_the_data(RandomKind kind)
    {
        var split = DatasetSplitter.Split(Indexed(101), 0.3, 5, kind, validationFraction: 0.2);

        Assert.Equal(31, split.Test.ExampleCount);
        Assert.Equal(14, split.Validation!.ExampleCount);  // ceil(0.2 * 70)
        Assert.Equal(56, split.Train.ExampleCount);
        AssertPartition(101, split);
    }

    [Fact]
    public void Validation_of_a_separate_test_file_split_comes_from_the_training_rows_only()
    {
        var files = new DatasetSplit(Indexed(50), Offset(Indexed(20), 1000));

        var split = DatasetSplitter.HoldOutValidation(files, 0.25, 1);

        Assert.Same(files.Test, split.Test);
        Assert.Equal(13, split.Validation!.ExampleCount);  // ceil(0.25 * 50)
        Assert.Equal(37, split.Train.ExampleCount);
        var trainingRows = split.Train.Features.Concat(split.Validation.Features).Order();
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (double)i), trainingRows);
        Assert.Empty(split.Train.Features.Intersect(split.Validation.Features));
    }

    [Fact]
    public void Validation_is_the_same_for_the_same_split_seed_and_differs_for_another()
    {
        var data = Indexed(200);

        var first = DatasetSplitter.Split(data, 0.2, 11, RandomKind.Numpy, 0.25);
        var again = DatasetSplitter.Split(data, 0.2, 11, RandomKind.Numpy, 0.25);
        var otherSeed = DatasetSplitter.Split(data, 0.2, 12, RandomKind.Numpy, 0.25);

        Assert.Equal(first.Validation!.Features, again.Validation!.Features);
        Assert.Equal(first.Train.Features, again.Train.Features);
        Assert.NotEqual(first.Validation.Features, otherSeed.Validation!.Features);
    }

    [Fact]
    public void Without_a_validation_fraction_the_split_is_exactly_the_two_way_split()
    {
        var data = Indexed(200);

        var twoWay = DatasetSplitter.Split(data, 0.2, 11, RandomKind.Numpy);
        var threeWay = DatasetSplitter.Split(data, 0.2, 11, RandomKind.Numpy, 0.25);

        Assert.Null(twoWay.Validation);
        // scikit-learn's split of 200 rows with seed 11 is unchanged, and the three-way split keeps its test rows.
        Assert.Equal(twoWay.Test.Features, threeWay.Test.Features);
        Assert.Equal(twoWay.Train.Features.Order(), threeWay.Train.Features.Concat(threeWay.Validation!.Features).Order());
    }

    [Fact]
    public void Validation_rows_are_not_the_prefix_of_the_test_permutation_that_follows_the_test_rows()
    {
        var data = Indexed(200);

        var split = DatasetSplitter.Split(data, 0.2, 11, RandomKind.Numpy, 0.25);
        var twoWay = DatasetSplitter.Split(data, 0.2, 11, RandomKind.Numpy);

        Assert.NotEqual(twoWay.Train.Features.Take(split.Validation!.ExampleCount), split.Validation.Features);
    }

    [Fact]
    public void Validation_is_drawn_by_the_generators_next_permutation_after_the_test_split()
    {
        // NumPy: rs = RandomState(3); test = rs.permutation(10)[:3]; rest = rs.permutation(7) over the other seven.
        var data = Indexed(10);
        RandomSource numpy = RandomSources.Create(RandomKind.Numpy, 3);
        int[] testOrder = numpy.Permutation(10);
        int[] validationOrder = numpy.Permutation(7);

        var split = DatasetSplitter.Split(data, 0.3, 3, RandomKind.Numpy, 0.3);

        double[] remaining = [.. testOrder[3..].Select(i => (double)i)];
        Assert.Equal(validationOrder[..3].Select(i => remaining[i]), split.Validation!.Features);
        Assert.Equal(validationOrder[3..].Select(i => remaining[i]), split.Train.Features);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Validation_split_rejects_a_fraction_outside_zero_to_one(double fraction)
    {
        var error = Assert.Throws<DatasetException>(() => DatasetSplitter.Split(Indexed(10), 0.2, 1, RandomKind.Numpy, fraction));

        Assert.Contains("validation fraction", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_split_rejects_a_fraction_that_leaves_no_training_example()
    {
        var error = Assert.Throws<DatasetException>(() => DatasetSplitter.Split(Indexed(4), 0.25, 1, RandomKind.Numpy, 0.9));

        Assert.Contains("no training examples out of the 3", error.Message, StringComparison.Ordinal);
    }

    private static void AssertPartition(int n, DatasetSplit split)
    {
        double[] all = [.. split.Train.Features.Concat(split.Test.Features).Concat(split.Validation!.Features).Order()];
        Assert.Equal(Enumerable.Range(0, n).Select(i => (double)i), all);
    }

    private static Dataset Offset(Dataset data, double by) =>
        new([.. data.Features.Select(v => v + by)], data.FeatureCount, data.Labels, data.Classes, data.FeatureNames);

    /// <summary>n examples whose single feature is their index; labels alternate 0, 1 by index.</summary>
    private static Dataset Indexed(int n) => new(
        [.. Enumerable.Range(0, n).Select(i => (double)i)],
        1,
        [.. Enumerable.Range(0, n).Select(i => i % 2)],
        ["0", "1"],
        ["index"]);
}
