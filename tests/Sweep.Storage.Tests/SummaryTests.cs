using LiteDB;
using Sweep.Domain;

namespace Sweep.Storage.Tests;

/// <summary>
/// Each trial's summary (the trial without its curves, what listings read) and ranking key (what a ranking reads from
/// the index alone): written with the trial, the same as the trial, and never trusted when a version before them wrote
/// the trial.
/// </summary>
public sealed class SummaryTests : IDisposable
{
    private readonly TempStoreFile _file = new();

    public void Dispose() => _file.Dispose();

    private static IReadOnlyList<TrialResult> Stored { get; } =
    [
        SampleTrials.Completed("a1", 0.9) with { ConfigurationId = "c1", Seed = 1 },
        SampleTrials.Completed("a2", 0.8, testCost: 0.25) with { ConfigurationId = "c1", Seed = 2 },
        SampleTrials.Completed("b1", 0.85) with { ConfigurationId = "c2", Seed = 1, ValidationAccuracy = null, ValidationCost = null },
        SampleTrials.Diverged("b2") with { ConfigurationId = "c2", Seed = 2 },
        SampleTrials.Completed("r1", 0.1) with { TestAccuracy = null, TrainAccuracy = null, TestRmse = 12.5, TrainRmse = 1.0 / 3.0, ValidationR2 = -0.125 },
        SampleTrials.Completed("o1", 0.7, sweep: "other") with { ConfigurationId = "c9", Seed = 7 },
    ];

    [Fact]
    public void Each_stored_trial_has_a_summary_and_a_ranking_key_that_say_what_the_trial_says()
    {
        WriteStore();

        using (var database = Raw())
        {
            ILiteCollection<BsonDocument> trials = database.GetCollection("trials");
            ILiteCollection<BsonDocument> summaries = database.GetCollection("summaries");
            Assert.Equal(Stored.Count, summaries.Count());
            foreach (BsonDocument trial in trials.FindAll())
            {
                BsonDocument summary = summaries.FindById(trial["_id"]);
                Assert.Equal(trial.Keys.Where(k => k is not ("cost_curve" or "layer_norms" or "rank_key")), summary.Keys);
                Assert.All(summary.Keys, key => Assert.Equal(trial[key], summary[key]));
                Assert.True(trial["rank_key"].IsString);
            }
        }

        using TrialStore store = TrialStore.OpenReadOnly(_file.Path);
        AssertAnsweredAsStored(store);
        Assert.True(store.Check().IsIntact);
    }

    [Fact]
    public void A_store_written_before_summaries_is_answered_the_same_read_only_and_given_them_when_next_opened_to_write()
    {
        WriteStore();
        using (var database = Raw())
        {
            ForgetSummaries(database);
        }

        byte[] before = File.ReadAllBytes(_file.Path);
        using (TrialStore store = TrialStore.OpenReadOnly(_file.Path))
        {
            AssertAnsweredAsStored(store);
        }

        Assert.Equal(before, File.ReadAllBytes(_file.Path));

        TrialStore.Open(_file.Path).Dispose();
        using (var database = Raw())
        {
            Assert.Equal(Stored.Count, database.GetCollection("summaries").Count());
            Assert.All(database.GetCollection("trials").FindAll(), trial => Assert.True(trial["rank_key"].IsString));
        }

        using (TrialStore store = TrialStore.OpenReadOnly(_file.Path))
        {
            AssertAnsweredAsStored(store);
            Assert.True(store.Check().IsIntact);
        }
    }

    [Fact]
    public void A_trial_replaced_by_a_version_before_summaries_is_answered_from_the_trial_not_its_old_summary()
    {
        WriteStore();
        using (var database = Raw())
        {
            // What an earlier version's upsert leaves: the trial's new document without a ranking key, the old summary.
            ILiteCollection<BsonDocument> trials = database.GetCollection("trials");
            BsonDocument replaced = trials.FindById("b1");
            replaced["test_accuracy"] = 0.99;
            replaced["node"] = "elsewhere";
            replaced.Remove("rank_key");
            trials.Update(replaced);
        }

        using TrialStore store = TrialStore.OpenReadOnly(_file.Path);

        Assert.Equal(0.99, store.TrialsToRank(SampleTrials.Sweep).Single(t => t.TrialId == "b1").TestAccuracy);
        Assert.Equal("elsewhere", store.Trials(SampleTrials.Sweep, includeCurves: false).Single(t => t.TrialId == "b1").Node);
        Assert.Equal("elsewhere", Assert.Single(store.TrialsById(["b1"])).Node);
    }

    [Fact]
    public void Check_names_a_summary_whose_trial_is_missing_or_different_and_a_ranking_key_that_is_not_the_trials()
    {
        WriteStore();
        using (var database = Raw())
        {
            database.GetCollection("trials").Delete("a2");
            ILiteCollection<BsonDocument> summaries = database.GetCollection("summaries");
            BsonDocument changed = summaries.FindById("b1");
            changed["test_accuracy"] = 0.99;
            summaries.Update(changed);
            ILiteCollection<BsonDocument> trials = database.GetCollection("trials");
            BsonDocument misranked = trials.FindById("r1");
            misranked["rank_key"] = misranked["rank_key"].AsString.Replace("12.5", "1.5", StringComparison.Ordinal);
            trials.Update(misranked);
        }

        StoreCheckReport report = TrialStore.CheckFile(_file.Path);

        Assert.False(report.IsIntact);
        Assert.Contains(report.Problems, p => p.Contains("summary of trial a2 has no trial", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Contains("summary of trial b1 differs from the trial", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Contains("trial r1's ranking key is not its own", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Contains("summary_pages: 1 summaries without a stored trial", StringComparison.Ordinal) && p.Contains("(a2)", StringComparison.Ordinal));
        Assert.Equal(4, report.Problems.Count);
    }

    [Fact]
    public void A_ranking_key_that_is_not_one_is_refused_as_a_format_error_not_read_as_something_else()
    {
        TrialResult trial = Stored[0];
        string key = TrialDocuments.RankKeyOf(trial).AsString;
        string testAccuracy = trial.TestAccuracy!.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(RankedFields(trial), RankedFields(TrialDocuments.FromRankKey(key)));
        Assert.Throws<FormatException>(() => TrialDocuments.FromRankKey(key.Replace(TrialResultStatus.Completed, "finished", StringComparison.Ordinal)));
        Assert.Throws<FormatException>(() => TrialDocuments.FromRankKey(key[..key.LastIndexOf('\u001F')]));
        Assert.Throws<FormatException>(() => TrialDocuments.FromRankKey(key.Replace(testAccuracy, "ninety", StringComparison.Ordinal)));
        Assert.Throws<FormatException>(() => TrialDocuments.FromRankKey(key.Replace("\u001F1\u001F", "\u001Fone\u001F", StringComparison.Ordinal)));
    }

    /// <summary>What every query of the store says agrees with what was stored, in either store layout.</summary>
    private static void AssertAnsweredAsStored(TrialStore store)
    {
        foreach (string sweep in new[] { SampleTrials.Sweep, "other" })
        {
            var expected = Stored.Where(t => t.Sweep == sweep).OrderBy(t => t.TrialId, StringComparer.Ordinal).ToList();
            var ranked = store.TrialsToRank(sweep).OrderBy(t => t.TrialId, StringComparer.Ordinal).ToList();
            Assert.Equal(expected.Select(RankedFields), ranked.Select(RankedFields));

            var listed = store.Trials(sweep, includeCurves: false).OrderBy(t => t.TrialId, StringComparer.Ordinal).ToList();
            Assert.Equal(expected.Select(WithoutCurvesOrModel), listed.Select(TrialJson.Of));
            Assert.Equal(expected.Select(WithoutCurvesOrModel), store.TrialsById(expected.Select(t => t.TrialId)).Select(TrialJson.Of));
        }

        Assert.Equal(Stored.Count, store.TrialsToRank(null).Count);
        Assert.Empty(store.UnreadableTrials);
    }

    private static string RankedFields(TrialResult t) => string.Join(
        "|", [t.TrialId, t.Sweep, t.Status, t.ConfigurationId, t.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            .. TrialMetrics.All.Select(m => TrialMetrics.ValueOf(t, m)?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "-")]);

    private static string WithoutCurvesOrModel(TrialResult t) => TrialJson.Of(t with { CostCurve = [], LayerNorms = [], ModelJson = null });

    private void WriteStore()
    {
        using TrialStore store = TrialStore.Open(_file.Path, shared: false);
        store.RegisterSweep(SampleTrials.Sweep, SampleTrials.Fingerprint(), 5);
        store.RegisterSweep("other", SampleTrials.Fingerprint(), 1);
        store.StoreBatch(Stored);
    }

    /// <summary>Makes the store what a version before summaries wrote: no summaries, no ranking keys or their index.</summary>
    private static void ForgetSummaries(LiteDatabase database)
    {
        database.DropCollection("summaries");
        ILiteCollection<BsonDocument> trials = database.GetCollection("trials");
        trials.DropIndex("rank_key");
        foreach (BsonDocument trial in trials.FindAll().ToList())
        {
            trial.Remove("rank_key");
            trials.Update(trial);
        }
    }

    private LiteDatabase Raw() => new(new ConnectionString { Filename = _file.Path, Connection = ConnectionType.Direct });
}
