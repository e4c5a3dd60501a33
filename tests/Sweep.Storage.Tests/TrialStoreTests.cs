using Sweep.Domain;
namespace Sweep.Storage.Tests;

public sealed class TrialStoreTests : IDisposable
{
    private readonly TempStoreFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public void Every_field_round_trips_including_the_model_and_the_curves()
    {
        TrialResult trial = SampleTrials.Completed("a1b2c3", 0.93);
        using TrialStore store = TrialStore.Open(_file.Path);
        store.StoreBatch([trial]);

        TrialResult? read = store.Get("a1b2c3");

        TrialJson.Equal(trial, read);
        Assert.Equal(trial.StartedAt.UtcTicks, read!.StartedAt.UtcTicks);
        Assert.True(double.IsNaN(read.CostCurve[2].Cost));
        Assert.Equal(double.PositiveInfinity, read.LayerNorms[1].WeightNorms[1]);
        Assert.Equal(1e-300, read.LayerNorms[0].GradientNorms[1]);
        Assert.Equal(["initializer", "training.l2_lambda", "seed"], read.Parameters.Keys);
        Assert.Equal(trial.ModelJson, read.ModelJson);
    }

    [Fact]
    public void A_listing_without_curves_leaves_out_only_the_curves_and_norms_in_the_same_order()
    {
        using TrialStore store = TrialStore.Open(_file.Path);
        store.StoreBatch([SampleTrials.Completed("t2", 0.9), SampleTrials.Completed("t1", 0.8), SampleTrials.Diverged("t3")]);

        IReadOnlyList<TrialResult> whole = store.Trials();
        IReadOnlyList<TrialResult> listed = store.Trials(includeCurves: false);

        Assert.All(whole, t => Assert.NotEmpty(t.CostCurve));
        Assert.Equal(whole.Select(t => t.TrialId), listed.Select(t => t.TrialId));
        for (int i = 0; i < whole.Count; i++)
        {
            Assert.Empty(listed[i].CostCurve);
            Assert.Empty(listed[i].LayerNorms);
            TrialJson.Equal(whole[i] with { CostCurve = [], LayerNorms = [] }, listed[i]);
        }
    }

    [Fact]
    public void Storing_the_same_trial_twice_keeps_one_document_with_the_latest_content()
    {
        using TrialStore store = TrialStore.Open(_file.Path);
        store.StoreBatch([SampleTrials.Completed("t1", 0.80)]);
        TrialResult resent = SampleTrials.Completed("t1", 0.90, model: null) with { Attempts = 3, Node = "worker-2" };
        store.StoreBatch([resent]);

        TrialResult only = Assert.Single(store.Trials(includeModels: true));
        TrialJson.Equal(resent, only);
        Assert.Null(store.Get("t1")!.ModelJson);
    }

    [Fact]
    public void An_id_repeated_inside_one_batch_is_stored_once_with_the_last_content()
    {
        using TrialStore store = TrialStore.Open(_file.Path);
        store.StoreBatch([SampleTrials.Completed("t1", 0.1), SampleTrials.Completed("t2", 0.2), SampleTrials.Completed("t1", 0.3)]);

        Assert.Equal(2, store.Trials().Count);
        Assert.Equal(0.3, store.Get("t1")!.TestAccuracy);
    }

    [Fact]
    public void A_batch_with_an_invalid_result_stores_none_of_it_and_keeps_what_was_there()
    {
        using TrialStore store = TrialStore.Open(_file.Path);
        TrialResult before = SampleTrials.Completed("t1", 0.5);
        store.StoreBatch([before]);

        TrialResult invalid = SampleTrials.Completed("t3", 0.7) with { Status = "finished" };
        var exception = Assert.Throws<InvalidTrialResultException>(() =>
            store.StoreBatch([SampleTrials.Completed("t1", 0.99), SampleTrials.Completed("t2", 0.6), invalid]));

        Assert.Contains("finished", exception.Message, StringComparison.Ordinal);
        TrialJson.Equal(before, Assert.Single(store.Trials(includeModels: true)));

        // The store is still usable after the rollback.
        store.StoreBatch([SampleTrials.Completed("t2", 0.6)]);
        Assert.Equal(2, store.Trials().Count);
    }

    [Fact]
    public void Stored_trial_ids_are_those_of_the_sweep_whatever_their_final_status()
    {
        using TrialStore store = TrialStore.Open(_file.Path);
        store.StoreBatch(
        [
            SampleTrials.Completed("a", 0.9),
            SampleTrials.Diverged("b"),
            SampleTrials.Completed("c", 0.5) with { Status = TrialResultStatus.GradcheckFailed },
            SampleTrials.Completed("d", 0.5) with { Status = TrialResultStatus.Failed, Message = "killed its worker 3 times" },
            SampleTrials.Completed("other", 0.9, sweep: "another-sweep"),
        ]);

        Assert.Equal(new HashSet<string> { "a", "b", "c", "d" }, store.StoredTrialIds(SampleTrials.Sweep));
        Assert.Equal(new HashSet<string> { "other" }, store.StoredTrialIds("another-sweep"));
        Assert.Empty(store.StoredTrialIds("no-such-sweep"));
    }

    [Fact]
    public void Trials_filter_by_sweep_and_status_and_list_in_finishing_order()
    {
        using TrialStore store = TrialStore.Open(_file.Path);
        DateTimeOffset t0 = SampleTrials.Completed("x", 0).FinishedAt;
        store.StoreBatch(
        [
            SampleTrials.Completed("late", 0.9) with { FinishedAt = t0.AddMinutes(2) },
            SampleTrials.Diverged("early") with { FinishedAt = t0 },
            SampleTrials.Completed("middle", 0.8) with { FinishedAt = t0.AddMinutes(1) },
            SampleTrials.Completed("elsewhere", 0.8, sweep: "another-sweep"),
        ]);

        Assert.Equal(["early", "middle", "late"], store.Trials(SampleTrials.Sweep).Select(t => t.TrialId));
        Assert.Equal(["middle", "late"], store.Trials(SampleTrials.Sweep, TrialResultStatus.Completed).Select(t => t.TrialId));
        Assert.Equal(["early"], store.Trials(status: TrialResultStatus.Diverged).Select(t => t.TrialId));
        Assert.Equal(4, store.Trials().Count);
        Assert.All(store.Trials(), t => Assert.Null(t.ModelJson));
        Assert.Equal(3, store.Trials(includeModels: true).Count(t => t.ModelJson is not null));
        Assert.Throws<ArgumentException>(() => store.Trials(status: "done"));
    }

    [Fact]
    public void A_unique_prefix_finds_its_trial_like_a_git_commit()
    {
        using TrialStore store = TrialStore.Open(_file.Path);
        store.StoreBatch([SampleTrials.Completed("9f3a01", 0.9), SampleTrials.Completed("9f3b77", 0.8), SampleTrials.Completed("1c", 0.7)]);

        Assert.Equal("9f3a01", store.Get("9f3a")?.TrialId);
        Assert.Equal("9f3b77", store.Get("9f3b")?.TrialId);
        Assert.Equal("1c", store.Get("1c")?.TrialId);
        Assert.NotNull(store.Get("9f3a")!.ModelJson);
        Assert.Null(store.Get("7"));
        Assert.Null(store.Get("9f3a01ff"));
    }

    [Fact]
    public void An_ambiguous_prefix_is_an_error_that_lists_the_candidates()
    {
        using TrialStore store = TrialStore.Open(_file.Path);
        store.StoreBatch([SampleTrials.Completed("9f3a01", 0.9), SampleTrials.Completed("9f3b77", 0.8)]);

        var exception = Assert.Throws<AmbiguousTrialIdException>(() => store.Get("9f3"));

        Assert.Equal(["9f3a01", "9f3b77"], exception.Candidates);
        Assert.Contains("9f3a01", exception.Message, StringComparison.Ordinal);
        Assert.Contains("9f3b77", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reopening_the_file_after_dispose_keeps_trials_sweeps_and_models()
    {
        TrialResult trial = SampleTrials.Completed("kept", 0.9);
        using (TrialStore store = TrialStore.Open(_file.Path))
        {
            store.RegisterSweep(SampleTrials.Sweep, SampleTrials.Fingerprint(), 4, TrialMetrics.TestAccuracy);
            store.StoreBatch([trial]);
        }

        using TrialStore reopened = TrialStore.OpenReadOnly(_file.Path);
        TrialJson.Equal(trial, reopened.Get("kept"));
        SweepInfo sweep = Assert.Single(reopened.Sweeps());
        Assert.Equal((SampleTrials.Sweep, SampleTrials.Hash, 4, TrialMetrics.TestAccuracy, 1), (sweep.Name, sweep.FileHash, sweep.TrialCount, sweep.Metric, sweep.StoredTrials));
    }

    [Fact]
    public void A_direct_mode_store_round_trips_too()
    {
        TrialResult trial = SampleTrials.Completed("direct", 0.9);
        using (TrialStore store = TrialStore.Open(_file.Path, shared: false))
        {
            store.StoreBatch([trial]);
            Assert.False(store.IsShared);
        }

        using TrialStore reopened = TrialStore.Open(_file.Path, shared: false);
        TrialJson.Equal(trial, reopened.Get("direct"));
    }

    [Fact]
    public void A_disposed_store_refuses_calls()
    {
        TrialStore store = TrialStore.Open(_file.Path);
        store.Dispose();
        store.Dispose();

        Assert.Throws<ObjectDisposedException>(() => store.Trials());
    }
}
