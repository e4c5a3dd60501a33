using System.Security.Cryptography;
using System.Text;
using Sweep.Training.Random;
using Sweep.Training.Regularization;

namespace Sweep.Config.Tests;

public sealed class SweepFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_issue_example_expands_to_three_trials_with_the_course_definitions()
    {
        string path = _folder.Write("course-init.yaml", SweepFiles.IssueExample);

        SweepDefinition sweep = SweepFile.Load(path);
        IReadOnlyList<TrialPlan> trials = sweep.ExpandTrials();

        Assert.Equal("course-init", sweep.Name);
        Assert.Equal(path, sweep.SourcePath);
        Assert.Equal(SweepMetric.TestAccuracy, sweep.Metric);
        Assert.Equal(["initializer", "l2_lambda", "keep_prob", "seed"], sweep.Axes);
        Assert.Equal(["zeros", "random:10", "he"], trials.Select(t => t.Definition.Initializer));
        foreach (TrialPlan trial in trials)
        {
            var d = trial.Definition;
            Assert.Equal([10, 5], d.Hidden);
            Assert.Equal("relu", d.HiddenActivation);
            Assert.Equal("sigmoid", d.Output);
            Assert.False(d.Normalize);
            Assert.Equal(15000, d.Training.Iterations);
            Assert.Equal(0.01, d.Training.LearningRate);
            Assert.Equal(1000, d.Training.RecordEvery);
            Assert.Equal(RandomKind.Numpy, d.Training.Random);
            Assert.Equal(3, d.Training.Seed);
            Assert.Equal(0.0, d.Training.L2Lambda);
            Assert.Equal(1.0, d.Training.KeepProb);
            Assert.Equal(DropoutMaskMode.Fresh, d.Training.DropoutMasks);
            Assert.Equal("gd", d.Training.Optimizer.Name);
            Assert.NotNull(d.GradientCheck);
            Assert.Equal(["initializer", "l2_lambda", "keep_prob", "seed"], trial.Parameters.Keys);
        }

        Assert.Equal("random:10", trials[1].Parameters["initializer"]);
        Assert.Equal("0", trials[1].Parameters["l2_lambda"]);
        Assert.Equal("1", trials[1].Parameters["keep_prob"]);
        Assert.Equal("3", trials[1].Parameters["seed"]);
    }

    [Fact]
    public void The_file_hash_is_the_sha256_of_the_file_bytes()
    {
        string path = _folder.Write("sweep.yaml", SweepFiles.IssueExample);

        SweepDefinition sweep = SweepFile.Load(path);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), sweep.FileHash);
        Assert.Equal(64, sweep.FileHash.Length);
    }

    [Fact]
    public void Parse_resolves_data_paths_against_the_folder_of_the_source_path_it_is_given()
    {
        SweepDefinition sweep = SweepFile.Parse(SweepFiles.IssueExample, Path.Combine(_folder.Path, "any-name.yaml"));

        var files = Assert.IsType<CsvTrainTestDataset>(sweep.Dataset);
        Assert.Equal("data/circles_train.csv", files.Train.Declared);
        Assert.Equal(Path.Combine(_folder.Path, "data", "circles_train.csv"), files.Train.FullPath);
        Assert.Equal(Path.Combine(_folder.Path, "data", "circles_test.csv"), files.Test.FullPath);
        Assert.Equal("y", files.Label);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(SweepFiles.IssueExample))), sweep.FileHash);
    }

    [Fact]
    public void Relative_paths_are_relative_to_the_sweep_file_not_the_working_directory()
    {
        string text = SweepFiles.IssueExample.Replace("data/circles_", "../data/circles_", StringComparison.Ordinal);
        string path = _folder.Write(Path.Combine("configs", "nested.yaml"), text);

        SweepDefinition sweep = SweepFile.Load(path);

        var files = Assert.IsType<CsvTrainTestDataset>(sweep.Dataset);
        Assert.Equal(Path.Combine(_folder.Path, "data", "circles_train.csv"), files.Train.FullPath);
        Assert.Equal(300, sweep.Data.TrainExamples);
        Assert.Equal(100, sweep.Data.TestExamples);
    }

    [Fact]
    public void Absolute_data_paths_are_used_as_they_are()
    {
        string text = SweepFiles.IssueExample
            .Replace("data/circles_train.csv", DataFiles.PathOf("circles_train.csv"), StringComparison.Ordinal)
            .Replace("data/circles_test.csv", DataFiles.PathOf("circles_test.csv"), StringComparison.Ordinal);
        string path = _folder.Write(Path.Combine("elsewhere", "sweep.yaml"), text);

        SweepDefinition sweep = SweepFile.Load(path);

        Assert.Equal(DataFiles.PathOf("circles_train.csv"), Assert.IsType<CsvTrainTestDataset>(sweep.Dataset).Train.FullPath);
    }

    [Fact]
    public void A_json_sweep_file_reads_the_same_as_its_yaml_form()
    {
        const string json = """
            {
              "name": "course-init",
              "dataset": { "train": "data/circles_train.csv", "test": "data/circles_test.csv", "label": "y", "normalize": false },
              "model": { "hidden": [10, 5], "activation": "relu", "output": "sigmoid" },
              "training": { "iterations": 15000, "learning_rate": 0.01, "record_every": 1000, "rng": "numpy" },
              "search": { "initializer": ["zeros", "random:10", "he"], "l2_lambda": [0], "keep_prob": [1.0], "seed": [3] },
              "gradient_check": { "enabled": true },
              "metric": "test_accuracy"
            }
            """;
        SweepDefinition fromJson = SweepFile.Load(_folder.Write("sweep.json", json));
        SweepDefinition fromYaml = SweepFile.Load(_folder.Write("sweep.yaml", SweepFiles.IssueExample));

        Assert.Equal(fromYaml.ExpandTrials().Select(t => t.TrialId), fromJson.ExpandTrials().Select(t => t.TrialId));
        Assert.Equal(fromYaml.ExpandTrials().Select(t => t.Definition), fromJson.ExpandTrials().Select(t => t.Definition), new DefinitionComparer());
        Assert.Equal(fromYaml.DatasetKey, fromJson.DatasetKey);
    }

    [Fact]
    public void Unset_keys_take_the_documented_defaults()
    {
        SweepDefinition sweep = SweepFile.Load(_folder.Write("sweep.yaml", """
            name: defaults
            dataset: { train: data/circles_train.csv, test: data/circles_test.csv }
            model: { hidden: [3] }
            """));

        TrialPlan trial = Assert.Single(sweep.ExpandTrials());
        var d = trial.Definition;
        Assert.Empty(sweep.Axes);
        Assert.Empty(trial.Parameters);
        Assert.Equal("he", d.Initializer);
        Assert.Equal("relu", d.HiddenActivation);
        Assert.Equal("sigmoid", d.Output);
        Assert.True(d.Normalize);
        Assert.Equal(0.0, d.Training.L2Lambda);
        Assert.Equal(1.0, d.Training.KeepProb);
        Assert.Equal(1, d.Training.Seed);
        Assert.Equal(10000, d.Training.Iterations);
        Assert.Equal(0.01, d.Training.LearningRate);
        Assert.Null(d.Training.DropoutSeed);
        Assert.NotNull(d.GradientCheck);
        Assert.Equal(SweepMetric.TestAccuracy, sweep.Metric);
        Assert.Null(Assert.IsType<CsvTrainTestDataset>(sweep.Dataset).Label);
    }

    [Fact]
    public void Every_training_key_reaches_the_trial_definition()
    {
        SweepDefinition sweep = SweepFile.Load(_folder.Write("sweep.yaml", """
            name: all-keys
            dataset: { train: data/circles_train.csv, test: data/circles_test.csv }
            model: { hidden: [3], activation: tanh, output: softmax }
            training:
              iterations: 7
              learning_rate: 0.5
              record_every: 2
              rng: xoshiro
              batch_size: 32
              optimizer: adam
              beta1: 0.8
              beta2: 0.99
              adam_epsilon: 1e-7
              gradient_clip_norm: 5
              dropout_masks: fixed
              dropout_seed: 11
              shuffle_seed: 12
              l2_lambda: 0.1
              keep_prob: 0.9
              initializer: lecun_uniform
              seed: 13
            gradient_check: { epsilon: 1e-5, threshold: 1e-4, max_examples: 8 }
            metric: train_cost
            """));

        var d = Assert.Single(sweep.ExpandTrials()).Definition;
        Assert.Equal("tanh", d.HiddenActivation);
        Assert.Equal("softmax", d.Output);
        var t = d.Training;
        Assert.Equal((7, 0.5, 2, RandomKind.Xoshiro, 32), (t.Iterations, t.LearningRate, t.RecordEvery, t.Random, t.BatchSize));
        Assert.Equal(("adam", 0.8, 0.99, 1e-7), (t.Optimizer.Name, t.Optimizer.Beta1, t.Optimizer.Beta2, t.Optimizer.Epsilon));
        Assert.Equal((5.0, DropoutMaskMode.Fixed, 11, 12), (t.GradientClipNorm, t.DropoutMasks, t.DropoutSeed, t.ShuffleSeed));
        Assert.Equal((0.1, 0.9, 13), (t.L2Lambda, t.KeepProb, t.Seed));
        Assert.Equal("lecun_uniform", d.Initializer);
        Assert.Equal((1e-5, 1e-4, 8), (d.GradientCheck!.Epsilon, d.GradientCheck.Threshold, d.GradientCheck.MaxExamples));
        Assert.Equal(new SweepMetric("train_cost", HigherIsBetter: false), sweep.Metric);
    }

    [Theory]
    [InlineData("gradient_check: { enabled: false }")]
    [InlineData("gradient_check: false")]
    public void A_disabled_gradient_check_leaves_the_definition_without_one(string line)
    {
        SweepDefinition sweep = SweepFile.Load(_folder.Write("sweep.yaml", $"""
            name: no-check
            dataset: {"{"} train: data/circles_train.csv, test: data/circles_test.csv {"}"}
            model: {"{"} hidden: [3] {"}"}
            {line}
            """));

        Assert.Null(Assert.Single(sweep.ExpandTrials()).Definition.GradientCheck);
    }

    [Fact]
    public void The_output_defaults_to_softmax_when_the_data_has_more_than_two_classes()
    {
        _folder.Write("data/three.csv", "a,b,y\n0,0,0\n1,0,1\n0,1,2\n1,1,0\n2,2,1\n3,3,2\n");
        SweepDefinition sweep = SweepFile.Load(_folder.Write("sweep.yaml", """
            name: three
            dataset: { train: data/three.csv, test_fraction: 0.5 }
            model: { hidden: [3] }
            """));

        Assert.Equal("softmax", Assert.Single(sweep.ExpandTrials()).Definition.Output);
        Assert.Equal(["0", "1", "2"], sweep.Data.Classes);
    }

    [Fact]
    public void Metric_names_say_which_direction_is_better()
    {
        Assert.True(SweepMetric.TestAccuracy.IsBetter(0.9, 0.8));
        Assert.True(SweepMetric.TestCost.IsBetter(0.1, 0.2));
        Assert.False(SweepMetric.TrainCost.IsBetter(0.3, 0.2));
        Assert.True(SweepMetric.TrainAccuracy.IsBetter(0.1, double.NaN));
        Assert.False(SweepMetric.TrainAccuracy.IsBetter(double.NaN, 0.1));
    }

    [Fact]
    public void A_missing_sweep_file_is_reported_with_its_path()
    {
        string path = Path.Combine(_folder.Path, "nope.yaml");

        var e = Assert.Throws<SweepFileException>(() => SweepFile.Load(path));

        Assert.StartsWith(path + ": the sweep file does not exist", e.Message, StringComparison.Ordinal);
    }
}
