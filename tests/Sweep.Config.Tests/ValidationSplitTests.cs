using Sweep.Training.Data;
using Sweep.Training.Data.Generators;
using Sweep.Training.Random;
using Sweep.Training.Training;
using static Sweep.Config.Tests.SweepFiles;

namespace Sweep.Config.Tests;

/// <summary><c>dataset.validation_fraction</c> and the validation metrics in a sweep file.</summary>
public sealed class ValidationSplitTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string WithDataset(string dataset, string metric = "test_accuracy") => $$"""
        name: data
        dataset: { {{dataset}} }
        model: { hidden: [4] }
        metric: {{metric}}
        """;

    private SweepDefinition Load(string text, string fileName = "sweep.yaml") => SweepFile.Load(_folder.Write(fileName, text));

    [Fact]
    public void A_train_and_test_file_pair_holds_validation_rows_out_of_the_training_file_only()
    {
        SweepDefinition sweep = Load(WithDataset("train: data/circles_train.csv, test: data/circles_test.csv, label: y, validation_fraction: 0.2"));

        DatasetSplit data = sweep.LoadData();
        DatasetSplit files = CsvDatasetReader.ReadTrainTest(DataFiles.PathOf("circles_train.csv"), DataFiles.PathOf("circles_test.csv"), "y");

        Assert.Equal(files.Test.Features, data.Test.Features);
        Assert.Equal((240, 100, 60), (sweep.Data.TrainExamples, sweep.Data.TestExamples, sweep.Data.ValidationExamples));
        Assert.Equal(Rows(files.Train).Order(), Rows(data.Train).Concat(Rows(data.Validation!)).Order());
        Assert.Empty(Rows(data.Train).Intersect(Rows(data.Validation!)));
        Assert.Equal(DatasetSplitter.HoldOutValidation(files, 0.2, 1).Validation!.Features, data.Validation!.Features);
    }

    [Fact]
    public void A_test_fraction_split_holds_validation_rows_out_after_the_test_rows_as_the_engine_does()
    {
        SweepDefinition sweep = Load(WithDataset("train: data/football_train.csv, test_fraction: 0.25, split_seed: 7, validation_fraction: 0.2, label: y"));

        DatasetSplit data = sweep.LoadData();
        Dataset all = CsvDatasetReader.Read(DataFiles.PathOf("football_train.csv"), "y");
        DatasetSplit expected = DatasetSplitter.Split(all, 0.25, 7, RandomKind.Numpy, 0.2);
        DatasetSplit twoWay = DatasetSplitter.Split(all, 0.25, 7, RandomKind.Numpy);

        Assert.Equal(expected.Validation!.Features, data.Validation!.Features);
        Assert.Equal(expected.Train.Features, data.Train.Features);
        Assert.Equal(twoWay.Test.Features, data.Test.Features);
        Assert.Equal((126, 53, 32), (sweep.Data.TrainExamples, sweep.Data.TestExamples, sweep.Data.ValidationExamples));
        Assert.Equal(Rows(all).Order(), Rows(data.Train).Concat(Rows(data.Test)).Concat(Rows(data.Validation)).Order());
    }

    [Fact]
    public void A_generator_holds_validation_rows_out_with_its_random_kind()
    {
        SweepDefinition sweep = Load(WithDataset("generator: moons, examples: 200, noise: 0.2, test_fraction: 0.25, validation_fraction: 0.1, rng: xoshiro"));

        DatasetSplit data = sweep.LoadData();
        Dataset all = DatasetGenerators.Create("moons", new GeneratorParameters(200, 0.2, 1) { Kind = RandomKind.Xoshiro });
        DatasetSplit expected = DatasetSplitter.Split(all, 0.25, 1, RandomKind.Xoshiro, 0.1);

        Assert.Equal(expected.Validation!.Features, data.Validation!.Features);
        Assert.Equal((135, 50, 15), (sweep.Data.TrainExamples, sweep.Data.TestExamples, sweep.Data.ValidationExamples));
        Assert.Equal(Rows(all).Order(), Rows(data.Train).Concat(Rows(data.Test)).Concat(Rows(data.Validation)).Order());
    }

    [Fact]
    public void The_validation_rows_are_the_same_for_the_same_split_seed_and_differ_for_another()
    {
        const string Pair = "train: data/circles_train.csv, test: data/circles_test.csv, validation_fraction: 0.2, split_seed: SEED";

        double[] first = Load(WithDataset(Pair.Replace("SEED", "3", StringComparison.Ordinal)), "a.yaml").LoadData().Validation!.Features;
        double[] again = Load(WithDataset(Pair.Replace("SEED", "3", StringComparison.Ordinal)), "b.yaml").LoadData().Validation!.Features;
        double[] other = Load(WithDataset(Pair.Replace("SEED", "4", StringComparison.Ordinal)), "c.yaml").LoadData().Validation!.Features;

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Without_validation_fraction_the_data_is_split_as_before_and_has_no_validation_set()
    {
        SweepDefinition sweep = Load(WithDataset("train: data/football_train.csv, test_fraction: 0.25, split_seed: 7, label: y"));

        DatasetSplit expected = CsvDatasetReader.ReadAndSplit(DataFiles.PathOf("football_train.csv"), 0.25, 7, RandomKind.Numpy, "y");

        Assert.Null(sweep.LoadData().Validation);
        Assert.Equal(expected.Train.Features, sweep.LoadData().Train.Features);
        Assert.Equal(0, sweep.Data.ValidationExamples);
        Assert.Null(sweep.Dataset.ValidationFraction);
    }

    [Fact]
    public void The_shipped_quickstart_keeps_the_trial_ids_it_had_before_validation_splits()
    {
        // The ids in the README's quickstart output, written before validation_fraction existed.
        SweepDefinition sweep = SweepFile.Load(Path.Combine(DataFiles.ConfigsFolder, "quickstart.yaml"));

        Assert.Subset(
            sweep.ExpandTrials().Select(t => t.TrialId).ToHashSet(),
            new HashSet<string> { "8c721708c95865a0", "4d5d1161ab0750fc", "448842227ab2ce1d", "709f39c3225b8d68", "ba78088aa648a107", "e9b0ea2e4649c00a", "0a435f6b2f1a2332", "393c748b7204f1f6", "3e87e9c0445c6b3b", "4255f8143bd2c928" });
    }

    [Fact]
    public void A_validation_fraction_changes_the_trial_ids_and_the_data_key_and_another_seed_changes_them_again()
    {
        const string Pair = "train: data/circles_train.csv, test: data/circles_test.csv";
        SweepDefinition without = Load(WithDataset(Pair), "a.yaml");
        SweepDefinition with = Load(WithDataset(Pair + ", validation_fraction: 0.2"), "b.yaml");
        SweepDefinition otherSeed = Load(WithDataset(Pair + ", validation_fraction: 0.2, split_seed: 2"), "c.yaml");
        SweepDefinition otherFraction = Load(WithDataset(Pair + ", validation_fraction: 0.3"), "d.yaml");

        string[] ids = [without.ExpandTrials()[0].TrialId, with.ExpandTrials()[0].TrialId, otherSeed.ExpandTrials()[0].TrialId, otherFraction.ExpandTrials()[0].TrialId];
        string[] keys = [without.DatasetKey, with.DatasetKey, otherSeed.DatasetKey, otherFraction.DatasetKey];

        Assert.Equal(4, ids.Distinct().Count());
        Assert.Equal(4, keys.Distinct().Count());
    }

    [Theory]
    [InlineData("0", "0 is not allowed: validation_fraction must be between 0 and 1 (exclusive)")]
    [InlineData("1", "1 is not allowed: validation_fraction must be between 0 and 1 (exclusive)")]
    [InlineData("-0.2", "-0.2 is not allowed: validation_fraction must be between 0 and 1 (exclusive)")]
    [InlineData("lots", "expected a finite number")]
    public void A_validation_fraction_outside_zero_to_one_is_refused_at_its_line(string value, string problem)
    {
        var e = Reject(_folder, $$"""
            name: data
            dataset:
              train: data/circles_train.csv
              test: data/circles_test.csv
              validation_fraction: {{value}}
            model: { hidden: [4] }
            """);

        Assert.Contains(problem, ErrorAt(e, "dataset.validation_fraction", 5).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_validation_fraction_that_leaves_no_training_example_is_refused_at_its_line()
    {
        _folder.Write("data/two.csv", "x1,x2,y\n1,1,0\n2,2,1\n");
        var e = Reject(_folder, """
            name: data
            dataset:
              train: data/two.csv
              test: data/circles_test.csv
              label: y
              validation_fraction: 0.9
            model: { hidden: [4] }
            """);

        Assert.Contains("leaves no training examples out of the 2", ErrorAt(e, "dataset.validation_fraction", 6).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_split_seed_with_a_test_file_is_refused_only_when_there_is_no_split_to_seed()
    {
        var e = Reject(_folder, WithDataset("train: data/circles_train.csv, test: data/circles_test.csv, split_seed: 2"));

        Assert.Contains("applies to a split (test_fraction or validation_fraction)", ErrorAt(e, "dataset.split_seed", 2).Problem, StringComparison.Ordinal);
        Assert.Equal(60, Load(WithDataset("train: data/circles_train.csv, test: data/circles_test.csv, split_seed: 2, validation_fraction: 0.2")).Data.ValidationExamples);
    }

    [Theory]
    [InlineData("validation_accuracy")]
    [InlineData("validation_cost")]
    public void A_validation_metric_without_a_validation_split_is_refused_naming_both_keys(string metric)
    {
        var e = Reject(_folder, WithDataset("train: data/circles_train.csv, test: data/circles_test.csv", metric));

        string problem = ErrorAt(e, "metric", 4).Problem;
        Assert.Contains($"'{metric}' needs a validation set", problem, StringComparison.Ordinal);
        Assert.Contains("add 'validation_fraction' to 'dataset'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_validation_metric_with_a_validation_split_parses_with_its_direction()
    {
        const string Pair = "train: data/circles_train.csv, test: data/circles_test.csv, validation_fraction: 0.2";

        SweepMetric accuracy = Load(WithDataset(Pair, "validation_accuracy"), "a.yaml").Metric;
        SweepMetric cost = Load(WithDataset(Pair, "validation_cost"), "b.yaml").Metric;

        Assert.Equal((SweepMetric.ValidationAccuracy, true, true), (accuracy, accuracy.HigherIsBetter, accuracy.IsValidation));
        Assert.Equal((SweepMetric.ValidationCost, false, true), (cost, cost.HigherIsBetter, cost.IsValidation));
        Assert.False(SweepMetric.TestAccuracy.IsValidation);
    }

    [Fact]
    public void The_data_memory_counts_the_validation_rows()
    {
        const string Pair = "train: data/circles_train.csv, test: data/circles_test.csv";

        SweepDefinition without = Load(WithDataset(Pair), "a.yaml");
        SweepDefinition with = Load(WithDataset(Pair + ", validation_fraction: 0.2"), "b.yaml");

        Assert.Equal(without.DataMemoryBytes, with.DataMemoryBytes);
        Assert.Equal(TrialMemory.DataBytes(2, 240, 100, 60), with.DataMemoryBytes);
    }

    /// <summary>Each example as the text of its feature values, to compare sets of rows.</summary>
    private static IEnumerable<string> Rows(Dataset data) =>
        Enumerable.Range(0, data.ExampleCount).Select(j => string.Join(",", Enumerable.Range(0, data.FeatureCount).Select(f => data.Features[(f * data.ExampleCount) + j].ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + ":" + data.Labels[j]);
}
