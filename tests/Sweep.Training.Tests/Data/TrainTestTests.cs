using Sweep.Training.Data;
using Sweep.Training.Random;

namespace Sweep.Training.Tests.Data;

public sealed class TrainTestTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Train_and_test_files_load_with_the_test_labels_encoded_by_the_training_classes()
    {
        var split = CsvDatasetReader.ReadTrainTest(DataFiles.PathOf("circles_train.csv"), DataFiles.PathOf("circles_test.csv"));

        Assert.Equal(300, split.Train.ExampleCount);
        Assert.Equal(100, split.Test.ExampleCount);
        Assert.Same(split.Train.Classes, split.Test.Classes);
        Assert.Equal(split.Train.FeatureNames, split.Test.FeatureNames);

        // First test line: -0.5242373850862545,-0.6091036148461817,1
        Assert.Equal(-0.5242373850862545, split.Test.Features[0]);
        Assert.Equal(-0.6091036148461817, split.Test.Features[100]);
        Assert.Equal(1, split.Test.Labels[0]);
    }

    [Fact]
    public void Test_labels_follow_the_training_class_order_even_when_the_test_file_lacks_a_class()
    {
        string train = _folder.Write("train.csv", "x,y\n1,cat\n2,dog\n3,emu\n");
        string test = _folder.Write("test.csv", "x,y\n4,emu\n5,dog\n");

        var split = CsvDatasetReader.ReadTrainTest(train, test);

        Assert.Equal(["cat", "dog", "emu"], split.Test.Classes);
        Assert.Equal([2, 1], split.Test.Labels);
    }

    [Fact]
    public void Split_of_one_file_has_ceil_of_the_fraction_as_test_examples_and_the_rest_for_training()
    {
        var split = CsvDatasetReader.ReadAndSplit(DataFiles.PathOf("digits.csv"), 0.25, 7, RandomKind.Numpy, "digit");

        Assert.Equal(450, split.Test.ExampleCount);  // ceil(0.25 * 1797) = ceil(449.25)
        Assert.Equal(1347, split.Train.ExampleCount);
        Assert.Equal(10, split.Train.Classes.Count);
        Assert.Same(split.Train.Classes, split.Test.Classes);
    }

    [Fact]
    public void Split_puts_every_example_in_exactly_one_of_the_two_sets()
    {
        var data = Indexed(101);

        var split = DatasetSplitter.Split(data, 0.3, 5);

        var all = split.Train.Features.Concat(split.Test.Features).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, 101).Select(i => (double)i), all);
        Assert.Equal(31, split.Test.ExampleCount);
    }

    [Fact]
    public void Split_is_the_same_for_the_same_seed_and_kind_and_differs_for_another_seed()
    {
        var data = Indexed(200);

        var first = DatasetSplitter.Split(data, 0.2, 11, RandomKind.Xoshiro);
        var again = DatasetSplitter.Split(data, 0.2, 11, RandomKind.Xoshiro);
        var otherSeed = DatasetSplitter.Split(data, 0.2, 12, RandomKind.Xoshiro);
        var otherKind = DatasetSplitter.Split(data, 0.2, 11, RandomKind.Numpy);

        Assert.Equal(first.Test.Features, again.Test.Features);
        Assert.Equal(first.Train.Features, again.Train.Features);
        Assert.NotEqual(first.Test.Features, otherSeed.Test.Features);
        Assert.NotEqual(first.Test.Features, otherKind.Test.Features);
    }

    [Fact]
    public void Numpy_split_matches_the_scikit_learn_train_test_split_documentation_example()
    {
        // train_test_split(X, y, test_size=0.33, random_state=42) on 5 rows gives y_train [2, 0, 3], y_test [1, 4].
        var data = Indexed(5);

        var split = DatasetSplitter.Split(data, 0.33, 42, RandomKind.Numpy);

        Assert.Equal([2.0, 0.0, 3.0], split.Train.Features);
        Assert.Equal([1.0, 4.0], split.Test.Features);
        Assert.Equal([0, 0, 1], split.Train.Labels);
        Assert.Equal([1, 0], split.Test.Labels);
    }

    [Fact]
    public void Numpy_split_of_the_digits_matches_scikit_learn_train_test_split()
    {
        // train_test_split(np.arange(1797), test_size=0.25, random_state=7) in scikit-learn 1.2.1: the first ten of each.
        var data = new Dataset([.. Enumerable.Range(0, 1797).Select(i => (double)i)], 1, new int[1797], ["only"], ["index"]);

        var split = DatasetSplitter.Split(data, 0.25, 7, RandomKind.Numpy);

        Assert.Equal([58.0, 1039, 1550, 813, 372, 1152, 1642, 410, 866, 1283], split.Test.Features.Take(10));
        Assert.Equal([1182.0, 109, 680, 985, 164, 507, 746, 207, 500, 262], split.Train.Features.Take(10));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Split_rejects_a_test_fraction_outside_zero_to_one(double fraction)
    {
        var error = Assert.Throws<DatasetException>(() => DatasetSplitter.Split(Indexed(10), fraction, 1));

        Assert.Contains("test fraction", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_rejects_a_fraction_that_leaves_no_training_example()
    {
        var error = Assert.Throws<DatasetException>(() => DatasetSplitter.Split(Indexed(3), 0.9, 1));

        Assert.Contains("no training examples out of 3", error.Message, StringComparison.Ordinal);
    }

    /// <summary>n examples whose single feature is their index; labels alternate 0, 1 by index.</summary>
    private static Dataset Indexed(int n) => new(
        [.. Enumerable.Range(0, n).Select(i => (double)i)],
        1,
        [.. Enumerable.Range(0, n).Select(i => i % 2)],
        ["0", "1"],
        ["index"]);
}
