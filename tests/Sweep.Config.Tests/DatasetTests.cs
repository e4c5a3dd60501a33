using Sweep.Training.Data;
using Sweep.Training.Data.Generators;
using Sweep.Training.Random;
using static Sweep.Config.Tests.SweepFiles;

namespace Sweep.Config.Tests;

public sealed class DatasetTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string WithDataset(string dataset) => $"""
        name: data
        dataset:
        {dataset}
        model: {"{"} hidden: [4] {"}"}
        """;

    [Fact]
    public void LoadData_reads_the_train_and_test_files_as_the_engine_does()
    {
        SweepDefinition sweep = SweepFile.Load(_folder.Write("sweep.yaml", SweepFiles.IssueExample));

        DatasetSplit data = sweep.LoadData();
        DatasetSplit expected = CsvDatasetReader.ReadTrainTest(DataFiles.PathOf("circles_train.csv"), DataFiles.PathOf("circles_test.csv"), "y");

        Assert.Equal(expected.Train.Features, data.Train.Features);
        Assert.Equal(expected.Test.Labels, data.Test.Labels);
        Assert.Equal((300, 100, 2), (sweep.Data.TrainExamples, sweep.Data.TestExamples, sweep.Data.FeatureCount));
        Assert.Equal(["x1", "x2"], sweep.Data.FeatureNames);
        Assert.Equal(["0", "1"], sweep.Data.Classes);
    }

    [Fact]
    public void One_file_is_split_by_test_fraction_and_split_seed_as_the_engine_splits_it()
    {
        SweepDefinition sweep = SweepFile.Load(_folder.Write("sweep.yaml", WithDataset("""
              train: data/football_train.csv
              test_fraction: 0.25
              split_seed: 7
              label: y
            """)));

        DatasetSplit data = sweep.LoadData();
        DatasetSplit expected = CsvDatasetReader.ReadAndSplit(DataFiles.PathOf("football_train.csv"), 0.25, 7, RandomKind.Numpy, "y");

        var split = Assert.IsType<CsvSplitDataset>(sweep.Dataset);
        Assert.Equal((0.25, 7, RandomKind.Numpy, "y"), (split.TestFraction, split.SplitSeed, split.Rng, split.Label));
        Assert.Equal(expected.Test.Labels, data.Test.Labels);
        Assert.Equal(expected.Train.Features, data.Train.Features);
        Assert.Equal((158, 53), (sweep.Data.TrainExamples, sweep.Data.TestExamples));
    }

    [Fact]
    public void A_generator_makes_the_data_and_splits_it()
    {
        SweepDefinition sweep = SweepFile.Load(_folder.Write("sweep.yaml", WithDataset("""
              generator: moons
              examples: 200
              noise: 0.2
              seed: 4
              test_fraction: 0.25
            """)));

        DatasetSplit data = sweep.LoadData();
        Dataset all = DatasetGenerators.Create("moons", 200, 0.2, 4);
        DatasetSplit expected = DatasetSplitter.Split(all, 0.25, 1);

        var generated = Assert.IsType<GeneratedDataset>(sweep.Dataset);
        Assert.Equal("moons", generated.Generator);
        Assert.Equal(new GeneratorParameters(200, 0.2, 4), generated.Parameters);
        Assert.Equal(expected.Train.Features, data.Train.Features);
        Assert.Equal((150, 50), (sweep.Data.TrainExamples, sweep.Data.TestExamples));
    }

    [Fact]
    public void Spirals_with_three_classes_default_to_a_softmax_output()
    {
        SweepDefinition sweep = SweepFile.Load(_folder.Write("sweep.yaml", WithDataset("""
              generator: spirals
              examples: 90
              classes: 3
              test_fraction: 0.2
            """)));

        Assert.Equal("softmax", Assert.Single(sweep.ExpandTrials()).Definition.Output);
    }

    [Fact]
    public void The_dataset_key_follows_the_data_bytes_and_settings_not_the_paths()
    {
        _folder.Write("copy/circles_train.csv", File.ReadAllText(DataFiles.PathOf("circles_train.csv")));
        _folder.Write("copy/circles_test.csv", File.ReadAllText(DataFiles.PathOf("circles_test.csv")));
        string original = SweepFile.Load(_folder.Write("a.yaml", SweepFiles.IssueExample)).DatasetKey;
        string copied = SweepFile.Load(_folder.Write("b.yaml", SweepFiles.IssueExample.Replace("data/", "copy/", StringComparison.Ordinal))).DatasetKey;
        string otherLabel = SweepFile.Load(_folder.Write("c.yaml", SweepFiles.IssueExample.Replace("label: y, ", string.Empty, StringComparison.Ordinal))).DatasetKey;
        _folder.Write("copy/circles_test.csv", File.ReadAllText(DataFiles.PathOf("circles_test.csv")).Replace("\n-0.5242373850862545,", "\n-0.5242373850862546,", StringComparison.Ordinal));
        string changedBytes = SweepFile.Load(_folder.Path + "/b.yaml").DatasetKey;

        Assert.Matches("^[0-9a-f]{64}$", original);
        Assert.Equal(original, copied);
        Assert.NotEqual(original, otherLabel);
        Assert.NotEqual(original, changedBytes);
    }

    [Fact]
    public void A_missing_data_file_is_reported_at_its_key_with_the_path_looked_for()
    {
        var e = Reject(_folder, """
            name: data
            dataset:
              train: data/nope.csv
              test: data/circles_test.csv
            model: { hidden: [4] }
            """);

        string problem = ErrorAt(e, "dataset.train", 3).Problem;
        Assert.Equal($"the data file 'data/nope.csv' does not exist (looked for {Path.Combine(_folder.Path, "data", "nope.csv")}, relative to the sweep file's folder)", problem);
    }

    [Fact]
    public void A_text_cell_in_a_test_column_of_numbers_is_reported_with_the_sweep_key_and_the_data_line_and_column()
    {
        string bad = _folder.Write("data/bad_test.csv", "x1,x2,y\n0.1,0.2,1\n0.3,abc,0\n");
        var e = Reject(_folder, """
            name: data
            dataset:
              train: data/circles_train.csv
              test: data/bad_test.csv
            model: { hidden: [4] }
            """);

        SweepFileError error = ErrorAt(e, "dataset.test", 4);
        Assert.Equal(
            $"{bad}, line 3, column 2 (x2): \"abc\" is not a number, but the column holds numbers in {Path.Combine(_folder.Path, "data", "circles_train.csv")}; "
            + "a column is categorical when the training data has a text cell in it or names it in dataset.categorical",
            error.Problem);
    }

    [Fact]
    public void A_label_column_the_data_lacks_is_reported_at_the_label_key()
    {
        var e = Reject(_folder, """
            name: data
            dataset:
              train: data/circles_train.csv
              test: data/circles_test.csv
              label: target
            model: { hidden: [4] }
            """);

        Assert.Contains("no label column 'target'; the columns are", ErrorAt(e, "dataset.label", 5).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sigmoid_output_for_more_than_two_classes_is_rejected_where_it_is_written()
    {
        _folder.Write("data/three.csv", "a,b,y\n0,0,0\n1,0,1\n0,1,2\n1,1,0\n2,2,1\n3,3,2\n");
        var e = Reject(_folder, """
            name: data
            dataset: { train: data/three.csv, test_fraction: 0.5 }
            model: { hidden: [4] }
            search:
              output: [softmax, sigmoid]
            """);

        Assert.Equal(
            "a sigmoid output has one unit for 2 classes, but the data has 3 (0, 1, 2); use softmax",
            ErrorAt(e, "search.output[1]", 5).Problem);
    }

    [Theory]
    [InlineData("  train: data/circles_train.csv\n", "dataset", 2, "missing 'test' (a test CSV file) or 'test_fraction'")]
    [InlineData("  train: data/circles_train.csv\n  test: data/circles_test.csv\n  test_fraction: 0.2\n", "dataset.test_fraction", 5, "give either a test file ('test') or a fraction")]
    [InlineData("  train: data/circles_train.csv\n  test_fraction: 1.5\n", "dataset.test_fraction", 4, "1.5 is not allowed: test_fraction must be between 0 and 1 (exclusive)")]
    [InlineData("  train: data/circles_train.csv\n  test_fraction: 0.2\n  noise: 0.1\n", "dataset.noise", 5, "'noise' applies to a generator, not to CSV files")]
    [InlineData("  label: y\n", "dataset", 2, "missing 'train' (a CSV file) or 'generator'")]
    [InlineData("  generator: moon\n  examples: 100\n  test_fraction: 0.2\n", "dataset.generator", 3, "unknown generator \"moon\": expected one of circles, moons, spirals, blobs; did you mean 'moons'?")]
    [InlineData("  generator: moons\n  test_fraction: 0.2\n", "dataset", 2, "missing 'examples'")]
    [InlineData("  generator: moons\n  examples: 100\n", "dataset", 2, "missing 'test_fraction'")]
    [InlineData("  generator: moons\n  examples: 100\n  test_fraction: 0.2\n  train: a.csv\n", "dataset.train", 6, "'train' cannot be combined with 'generator'")]
    [InlineData("  generator: circles\n  examples: 100\n  test_fraction: 0.2\n  classes: 3\n", "dataset.generator", 3, "the circles generator always makes 2 classes, not 3")]
    [InlineData("  generator: moons\n  examples: 2000000000\n  test_fraction: 0.2\n", "dataset.examples", 4, "2000000000 is too many: a generator makes at most 1000000 examples; the generated data is held in memory several times over while it is split and normalized; to train on more, write the examples to a CSV file")]
    [InlineData("  generator: moons\n  examples: 100000000\n  test_fraction: 0.2\n", "dataset.examples", 4, "100000000 is too many: a generator makes at most 1000000 examples")]
    [InlineData("  generator: moons\n  examples: 99999999999\n  test_fraction: 0.2\n", "dataset.examples", 4, "99999999999 is too large")]
    [InlineData("  generator: blobs\n  examples: 1000\n  dimensions: 2000000000\n  test_fraction: 0.2\n", "dataset.dimensions", 5, "2000000000 is too many: a generator makes at most 1000 dimensions")]
    [InlineData("  generator: blobs\n  examples: 1000000\n  dimensions: 1000\n  test_fraction: 0.2\n", "dataset.dimensions", 5, "1000000 examples x 1000 dimensions is 1000000000 numbers, and a generator makes at most 10000000: use fewer examples or dimensions")]
    [InlineData("  generator: spirals\n  examples: 1000\n  classes: 2000000000\n  test_fraction: 0.2\n", "dataset.classes", 5, "2000000000 is too many: a generator makes at most 100 classes")]
    [InlineData("  generator: moons\n  examples: 100\n  noise: 1e308\n  test_fraction: 0.2\n", "dataset.noise", 5, "1E+308 is not allowed: noise must be from 0 to 1000000")]
    [InlineData("  train: data/circles_train.csv\n  tset: data/circles_test.csv\n", "dataset.tset", 4, "unknown key 'tset'; did you mean 'test'?")]
    [InlineData("  train: data/circles_train.csv\n  test: data/circles_test.csv\n  normalize: yes\n", "dataset.normalize", 5, "expected true or false, but found 'yes'")]
    public void A_bad_dataset_section_is_rejected_at_its_key(string dataset, string keyPath, int line, string problem)
    {
        var e = Reject(_folder, "name: data\ndataset:\n" + dataset + "model: { hidden: [4] }\n");

        Assert.Contains(problem, ErrorAt(e, keyPath, line).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadData_returns_the_data_read_during_the_check_without_reading_the_files_again()
    {
        SweepDefinition sweep = SweepFile.Load(_folder.Write("sweep.yaml", SweepFiles.IssueExample));
        File.WriteAllText(Path.Combine(_folder.Path, "data", "circles_test.csv"), "x1,x2,y\n1,2,3,4\n");

        DatasetSplit first = sweep.LoadData();
        DatasetSplit second = sweep.LoadData();

        Assert.Same(first, second);
        Assert.Equal(100, first.Test.ExampleCount);
    }

    [Fact]
    public void A_directory_given_as_a_data_file_is_named_a_directory()
    {
        var e = Reject(_folder, """
            name: data
            dataset: { train: data, test: data/circles_test.csv }
            model: { hidden: [4] }
            """);

        Assert.Equal(
            $"the data file 'data' is a directory, not a CSV file (looked at {Path.Combine(_folder.Path, "data")}, relative to the sweep file's folder)",
            ErrorAt(e, "dataset.train", 2).Problem);
    }

    [Fact]
    public void LoadData_keeps_the_classes_the_trials_were_planned_for_when_a_file_changes_after_the_check()
    {
        SweepDefinition sweep = SweepFile.Load(_folder.Write("sweep.yaml", SweepFiles.IssueExample));
        File.WriteAllText(Path.Combine(_folder.Path, "data", "circles_train.csv"), "x1,x2,y\n0,0,0\n1,1,1\n2,2,2\n");

        DatasetSplit data = sweep.LoadData();

        Assert.Equal(sweep.Data.Classes, data.Train.Classes);
        Assert.Equal(300, data.Train.ExampleCount);
    }
}
