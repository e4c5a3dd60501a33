using LiteDB;
using Sweep.Domain;

namespace Sweep.Storage.Tests;

public sealed class ValidationMetricsTests : IDisposable
{
    private readonly TempStoreFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public void Validation_metrics_round_trip_through_the_store()
    {
        TrialResult trial = SampleTrials.Completed("v1", 0.93) with { ValidationAccuracy = 0.8875, ValidationCost = 0.3125 };
        using TrialStore store = TrialStore.Open(_file.Path);
        store.StoreBatch([trial]);

        TrialResult? read = store.Get("v1");

        Assert.Equal(0.8875, read!.ValidationAccuracy);
        Assert.Equal(0.3125, read.ValidationCost);
    }

    [Fact]
    public void A_trial_stored_before_there_were_validation_sets_reads_back_without_validation_metrics()
    {
        using (TrialStore store = TrialStore.Open(_file.Path, shared: false))
        {
            store.StoreBatch([SampleTrials.Completed("old", 0.93)]);
        }

        using (var database = new LiteDatabase(new ConnectionString { Filename = _file.Path, Connection = ConnectionType.Direct }))
        {
            ILiteCollection<BsonDocument> trials = database.GetCollection("trials");
            BsonDocument document = trials.FindById("old");
            document.Remove("validation_accuracy");
            document.Remove("validation_cost");
            trials.Update(document);
        }

        using TrialStore reopened = TrialStore.OpenReadOnly(_file.Path);
        TrialResult? read = reopened.Get("old");

        Assert.Equal(0.93, read!.TestAccuracy);
        Assert.Null(read.ValidationAccuracy);
        Assert.Null(read.ValidationCost);
    }

    [Fact]
    public void Ranking_by_a_validation_metric_breaks_ties_by_validation_cost_and_never_by_test_cost()
    {
        using TrialStore store = TrialStore.Open(_file.Path);
        store.StoreBatch(
        [
            Trial("a-low-test-cost", validationAccuracy: 0.9, validationCost: 0.40, testCost: 0.10),
            Trial("b-low-validation-cost", validationAccuracy: 0.9, validationCost: 0.20, testCost: 0.90),
            Trial("c-best", validationAccuracy: 0.95, validationCost: 0.50, testCost: 0.50),
            Trial("d-no-validation", validationAccuracy: null, validationCost: null, testCost: 0.01) with { TestAccuracy = 1.0 },
        ]);

        IReadOnlyList<TrialResult> byAccuracy = store.Best(SampleTrials.Sweep, 10, TrialMetrics.ValidationAccuracy, TrialMetrics.IsHigherBetter(TrialMetrics.ValidationAccuracy));
        IReadOnlyList<TrialResult> byCost = store.Best(SampleTrials.Sweep, 10, TrialMetrics.ValidationCost, TrialMetrics.IsHigherBetter(TrialMetrics.ValidationCost));

        Assert.Equal(["c-best", "b-low-validation-cost", "a-low-test-cost"], byAccuracy.Select(t => t.TrialId));
        Assert.Equal(["b-low-validation-cost", "a-low-test-cost", "c-best"], byCost.Select(t => t.TrialId));
    }

    [Fact]
    public void The_ranking_rule_takes_its_tie_break_cost_from_the_metrics_split()
    {
        TrialResult trial = Trial("t", validationAccuracy: 0.9, validationCost: 0.2, testCost: 0.7);

        Assert.Equal(0.2, TrialRanking.Of(trial, TrialMetrics.ValidationAccuracy)!.Value.TieBreakCost);
        Assert.Equal(0.2, TrialRanking.Of(trial, TrialMetrics.ValidationCost)!.Value.TieBreakCost);
        Assert.Equal(0.7, TrialRanking.Of(trial, TrialMetrics.TestAccuracy)!.Value.TieBreakCost);
        Assert.Equal(0.7, TrialRanking.Of(trial, TrialMetrics.TrainAccuracy)!.Value.TieBreakCost);
        Assert.Equal(0.7, TrialRanking.Of(trial, TrialMetrics.TrainCost)!.Value.TieBreakCost);
    }

    [Fact]
    public void Validation_metrics_are_valid_and_accuracy_is_better_higher_and_cost_lower()
    {
        Assert.True(TrialMetrics.IsValid(TrialMetrics.ValidationAccuracy));
        Assert.True(TrialMetrics.IsHigherBetter(TrialMetrics.ValidationAccuracy));
        Assert.False(TrialMetrics.IsHigherBetter(TrialMetrics.ValidationCost));
        Assert.Equal(0.9, TrialMetrics.ValueOf(Trial("t", 0.9, 0.2, 0.7), TrialMetrics.ValidationAccuracy));
    }

    private static TrialResult Trial(string id, double? validationAccuracy, double? validationCost, double testCost) =>
        SampleTrials.Completed(id, 0.5, testCost) with { ValidationAccuracy = validationAccuracy, ValidationCost = validationCost };
}
