using System.Text.Json;
using Sweep.Domain;
using Sweep.Protocol.Messages.Commands;
using Sweep.Storage;
using Sweep.Training.Data;
using Sweep.Training.Data.Generators;
using Sweep.Training.Diagnostics;
using Sweep.Training.GradientChecking;
using Sweep.Training.Models;
using Sweep.Training.Networks;
using Sweep.Training.Training;

namespace Sweep.Runtime.Tests;

/// <summary>The engine's report becomes the domain's trial result in one place, <see cref="TrialResults"/>.</summary>
public sealed class TrialResultsTests
{
    private static readonly Dictionary<string, string> Parameters = new() { ["initializer"] = "zeros", ["seed"] = "3" };
    private static readonly Dictionary<string, string> Settings = new() { ["initializer"] = "zeros", ["seed"] = "3", ["l2_lambda"] = "0" };
    private static readonly DateTimeOffset Started = new(2025, 1, 2, 10, 0, 0, TimeSpan.FromHours(2));
    private static readonly DateTimeOffset Finished = Started.AddSeconds(3);

    private static AssignTrial Assignment(TrialDefinition definition, string trialId, int attempt) =>
        new(trialId, "configuration-" + trialId, "s", "hash", "data", attempt, Parameters, Settings, definition);

    [Fact]
    public void A_real_trial_maps_every_part_of_its_report_and_its_model_survives_the_store()
    {
        var data = new DatasetSplit(CirclesGenerator.Generate(120, 0.05, seed: 1), CirclesGenerator.Generate(60, 0.05, seed: 2));
        var definition = new TrialDefinition
        {
            Hidden = [5, 3],
            Initializer = "he",
            Normalize = false,
            Training = new TrainingOptions { Iterations = 50, RecordEvery = 20, LearningRate = 0.05, L2Lambda = 0.1, Seed = 3 },
        };
        TrialReport report = TrialRunner.Run(definition, data);

        TrialResult result = TrialResults.Outcome(report, Assignment(definition, "abc", 1), "node-1", Started, Finished);

        Assert.Equal(TrialResultStatus.Completed, result.Status);
        Assert.Equal(("he", 0.1, 1.0, 3, 0.05, "relu"), (result.Initializer, result.L2Lambda, result.KeepProb, result.Seed, result.LearningRate, result.Activation));
        Assert.Equal([5, 3], result.Hidden);
        Assert.Equal(report.Test!.Accuracy, result.TestAccuracy);
        Assert.Equal(report.Train!.Cost, result.TrainCost);
        Assert.Equal(report.GradientCheck!.Difference, result.GradcheckDifference);
        Assert.StartsWith(report.GradientCheck.Worst[0].Position.ToString(), result.GradcheckWorst, StringComparison.Ordinal);
        Assert.Equal(report.Records.Select(r => r.Iteration), result.CostCurve.Select(p => p.Iteration));
        Assert.Equal(report.Records.Select(r => r.Cost), result.CostCurve.Select(p => p.Cost));
        Assert.Equal(report.Records[^1].GradientNorms, result.LayerNorms[^1].GradientNorms);
        Assert.Equal(3, result.LayerNorms[0].WeightNorms.Count);
        Assert.Equal(TrialResults.FormatFlow(report.Records[^1].GradientFlow), result.GradientFlow);
        Assert.Equal(report.Duration.TotalMilliseconds, result.DurationMs);
        Assert.Equal(Started.UtcDateTime, result.StartedAt.UtcDateTime);
        Assert.Equal(TimeSpan.Zero, result.StartedAt.Offset);

        string database = RuntimeFixtures.TempDatabase();
        TrialResult stored;
        using (TrialStore store = TrialStore.Open(database, shared: false))
        {
            store.StoreBatch([result]);
            stored = store.Get("abc")!;
        }

        File.Delete(database);
        Assert.Equal(JsonSerializer.Serialize(result), JsonSerializer.Serialize(stored));
        TrainedModel model = TrainedModel.FromJson(stored.ModelJson!);
        Assert.Equal(report.Model!.Parameters, model.Parameters);
    }

    [Fact]
    public void A_trial_with_a_validation_set_stores_its_validation_metrics_and_one_without_stores_none()
    {
        var files = new DatasetSplit(CirclesGenerator.Generate(120, 0.05, seed: 1), CirclesGenerator.Generate(60, 0.05, seed: 2));
        var definition = new TrialDefinition
        {
            Hidden = [5],
            Initializer = "he",
            Normalize = true,
            Training = new TrainingOptions { Iterations = 20, RecordEvery = 10, LearningRate = 0.05, Seed = 3 },
        };
        TrialReport withValidation = TrialRunner.Run(definition, DatasetSplitter.HoldOutValidation(files, 0.25, 1));
        TrialReport without = TrialRunner.Run(definition, files);

        TrialResult validated = TrialResults.Outcome(withValidation, Assignment(definition, "abc", 1), "node-1", Started, Finished);
        TrialResult plain = TrialResults.Outcome(without, Assignment(definition, "def", 1), "node-1", Started, Finished);

        Assert.Equal(withValidation.Validation!.Accuracy, validated.ValidationAccuracy);
        Assert.Equal(withValidation.Validation.Cost, validated.ValidationCost);
        Assert.Null(plain.ValidationAccuracy);
        Assert.Null(plain.ValidationCost);
    }

    [Fact]
    public void Zeros_initialization_is_stored_with_symmetric_units_and_no_gradient()
    {
        var data = new DatasetSplit(CirclesGenerator.Generate(40, 0.05, seed: 1), CirclesGenerator.Generate(20, 0.05, seed: 2));
        var definition = new TrialDefinition
        {
            Hidden = [4],
            Initializer = "zeros",
            GradientCheck = null,
            Training = new TrainingOptions { Iterations = 5, RecordEvery = 2 },
        };

        TrialResult result = TrialResults.Outcome(TrialRunner.Run(definition, data), Assignment(definition, "z", 1), "n", Started, Finished);

        Assert.True(result.SymmetricUnits);
        Assert.Equal("no_gradient", result.GradientFlow);
        Assert.Null(result.GradcheckDifference);
    }

    [Fact]
    public void A_failed_gradient_check_keeps_its_difference_and_worst_parameter_and_no_metrics()
    {
        var worst = new ParameterDiscrepancy(new ParameterPosition(2, 0, 3), 0.0123, 0.0456);
        var check = new GradientCheckResult(0.31, 1e-5, [worst], 32, 20);
        var report = new TrialReport(TrialStatus.GradientCheckFailed, check, null, null, [], 0, null, "gradient check failed", TimeSpan.FromMilliseconds(12));

        TrialResult result = TrialResults.Outcome(report, Assignment(new TrialDefinition(), "g", 1), "n", Started, Finished);

        Assert.Equal(TrialResultStatus.GradcheckFailed, result.Status);
        Assert.Equal(0.31, result.GradcheckDifference);
        Assert.Equal("W2[0,3] (backprop 0.0123, numeric 0.0456)", result.GradcheckWorst);
        Assert.Equal("gradient check failed", result.Message);
        Assert.Null(result.TestAccuracy);
        Assert.Null(result.ModelJson);
        Assert.Null(result.GradientFlow);
        Assert.Empty(result.CostCurve);
    }

    [Fact]
    public void A_diverged_report_is_stored_as_diverged_with_its_curve()
    {
        var record = new TrainingRecord(0, double.NaN, [1.0], [double.PositiveInfinity], false, double.NaN, GradientFlow.Exploding);
        var report = new TrialReport(TrialStatus.Diverged, null, null, null, [record], 1, null, "cost is NaN", TimeSpan.FromMilliseconds(1));

        TrialResult result = TrialResults.Outcome(report, Assignment(new TrialDefinition(), "d", 1), "n", Started, Finished);

        Assert.Equal((TrialResultStatus.Diverged, "cost is NaN", "exploding"), (result.Status, result.Message, result.GradientFlow));
        Assert.True(double.IsNaN(result.CostCurve[0].Cost));
    }

    [Fact]
    public void A_cancelled_report_is_not_an_outcome()
    {
        var report = new TrialReport(TrialStatus.Cancelled, null, null, null, [], 3, null, "cancelled", TimeSpan.Zero);

        var exception = Assert.Throws<ArgumentException>(() =>
            TrialResults.Outcome(report, Assignment(new TrialDefinition(), "c", 1), "n", Started, Finished));

        Assert.Contains("queued", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trial_that_kept_killing_its_worker_is_stored_as_failed()
    {
        var definition = new TrialDefinition { Hidden = [7], Initializer = "random:10", Training = new TrainingOptions { KeepProb = 0.8, Seed = 9 } };

        TrialResult result = TrialResults.Failed(Assignment(definition, "f", 3), "killed its worker 3 times", "node-2", Started, Finished);

        Assert.Equal((TrialResultStatus.Failed, "killed its worker 3 times", 3, "node-2"), (result.Status, result.Message, result.Attempts, result.Node));
        Assert.Equal(("random:10", 0.8, 9), (result.Initializer, result.KeepProb, result.Seed));
        Assert.Equal(3000, result.DurationMs);
        Assert.Null(result.TestAccuracy);
    }
}
