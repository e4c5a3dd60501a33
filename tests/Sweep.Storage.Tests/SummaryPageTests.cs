using LiteDB;
using Sweep.Domain;

namespace Sweep.Storage.Tests;

/// <summary>
/// The summary pages (many trials' summaries to a document) that listings and rankings read: every field comes back
/// as stored, the later of two results of one trial is the one read, and pages that are missing, damaged or left
/// behind by an earlier version are never trusted: queries read the trials instead, and the next open to write
/// builds the pages again.
/// </summary>
public sealed class SummaryPageTests : IDisposable
{
    private readonly TempStoreFile _file = new();

    public void Dispose() => _file.Dispose();

    /// <summary>Every field of a trial set to something other than its default, NaN and infinities included.</summary>
    private static TrialResult Full(string id) => SampleTrials.Completed(id, 0.875) with
    {
        Message = "a message",
        ConfigurationId = "cfg-" + id,
        Settings = new Dictionary<string, string> { ["training.iterations"] = "30000", ["initializer"] = "he", ["data"] = "football" },
        Notes = "test cells of a category the training split lacks",
        TrainRmse = 1.0 / 3.0,
        TestRmse = double.PositiveInfinity,
        ValidationRmse = double.NaN,
        TrainR2 = -0.0,
        TestR2 = double.MinValue,
        ValidationR2 = double.Epsilon,
        Seed = -7,
    };

    private static readonly string[] NotInSummaries = [nameof(TrialResult.CostCurve), nameof(TrialResult.LayerNorms), nameof(TrialResult.ModelJson)];

    [Fact]
    public void A_page_gives_back_every_field_of_every_trial_but_the_curves_and_the_model()
    {
        var full = Full("f1");
        var template = new TrialResult { TrialId = "", Sweep = "", SweepFileHash = "", Status = "" };
        // A property added to trials fails here until the sample sets it, and then below until the page keeps it.
        var unset = typeof(TrialResult).GetProperties()
            .Where(p => p.CanWrite && !NotInSummaries.Contains(p.Name) && Equals(TrialJson.Of(template with { }), TrialJson.Of(With(template, p, p.GetValue(full)))))
            .Select(p => p.Name);
        Assert.Empty(unset);

        TrialResult[] trials = [full, SampleTrials.Diverged("d1"), Full("f2") with { Parameters = new Dictionary<string, string>(), Hidden = [] }];
        List<TrialResult> read = SummaryPage.Decode(SummaryPage.Encode(trials));

        Assert.Equal(trials.Select(WithoutCurvesOrModel), read.Select(TrialJson.Of));
        Assert.Equal(["initializer", "training.l2_lambda", "seed"], read[0].Parameters.Keys);
    }

    [Fact]
    public void A_page_that_is_not_one_is_refused_as_a_format_error()
    {
        byte[] page = SummaryPage.Encode([Full("f1"), Full("f2")]);

        Assert.Throws<FormatException>(() => SummaryPage.Decode(page[..^3]));
        Assert.Throws<FormatException>(() => SummaryPage.Decode([.. page, 0]));
        Assert.Throws<FormatException>(() => SummaryPage.Decode([(byte)(SummaryPage.Format + 1), .. page[1..]]));
        Assert.Throws<FormatException>(() => SummaryPage.Decode([]));
        byte[] huge = [.. page];
        huge[1] = 0xFF;
        Assert.Throws<FormatException>(() => SummaryPage.Decode(huge));
        byte[] badStatus = SummaryPage.Encode([Full("f1") with { Status = "finished" }]);
        Assert.Contains("finished", Assert.Throws<FormatException>(() => SummaryPage.Decode(badStatus)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_read_from_a_page_are_found_by_name_in_the_order_given_and_a_missing_one_is_not_found()
    {
        TrialResult trial = SummaryPage.Decode(SummaryPage.Encode([Full("f1"), Full("f2")]))[1];

        Assert.Equal(["training.iterations", "initializer", "data"], trial.Settings.Keys);
        Assert.Equal(["30000", "he", "football"], trial.Settings.Values);
        Assert.Equal(3, trial.Settings.Count);
        Assert.Equal("he", trial.Settings["initializer"]);
        Assert.True(trial.Settings.ContainsKey("data"));
        Assert.False(trial.Settings.TryGetValue("Data", out _));
        Assert.Throws<KeyNotFoundException>(() => trial.Settings["training.l2_lambda"]);
        Assert.Equal("0.7", trial.Parameters["training.l2_lambda"]);
    }

    [Fact]
    public void A_page_that_names_a_setting_twice_for_one_trial_is_refused_as_a_format_error()
    {
        byte[] page = SummaryPage.Encode([Full("f1") with { Settings = new RepeatedName("initializer", "he", "xavier") }]);

        Assert.Contains("'initializer' twice", Assert.Throws<FormatException>(() => SummaryPage.Decode(page)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trials_stored_in_many_batches_across_pages_are_listed_and_ranked_once_each_with_their_latest_result()
    {
        var stored = Enumerable.Range(0, 2 * SummaryPages.Capacity + 11)
            .Select(i => Full($"t{i:D4}") with { TestAccuracy = i / 1000.0, FinishedAt = SampleTrials.Completed("x", 0).FinishedAt.AddSeconds(i) })
            .ToList();
        TrialResult rerun = stored[3] with { TestAccuracy = 0.999, Node = "rerun-node", Attempts = 5 };
        using (TrialStore store = TrialStore.Open(_file.Path, shared: false))
        {
            store.RegisterSweep(SampleTrials.Sweep, SampleTrials.Fingerprint(), stored.Count);
            foreach (TrialResult[] batch in stored.Chunk(7))
            {
                store.StoreBatch(batch);
            }

            store.StoreBatch([rerun]);
        }

        var expected = stored.Select(t => t.TrialId == rerun.TrialId ? rerun : t).ToList();
        using (var database = Raw())
        {
            Assert.Equal(4, database.GetCollection(SummaryPages.Collection).Count());
        }

        using TrialStore reader = TrialStore.OpenReadOnly(_file.Path);
        Assert.Equal(expected.Select(WithoutCurvesOrModel), reader.Trials(includeCurves: false).Select(TrialJson.Of));
        Assert.Equal(expected.Select(Ranked), reader.TrialsToRank(SampleTrials.Sweep).OrderBy(t => t.TrialId, StringComparer.Ordinal).Select(Ranked));
        Assert.Equal([rerun.TrialId], reader.Trials(includeCurves: false).Where(t => t.TestAccuracy > 0.99).Select(t => t.TrialId));
        Assert.True(reader.Check().IsIntact);
    }

    [Fact]
    public void Trials_with_long_notes_are_spread_over_pages_that_each_stay_under_the_page_limit()
    {
        string notes = new('n', SummaryPages.MaxPageBytes / 10);
        var stored = Enumerable.Range(0, 40).Select(i => Full($"n{i:D2}") with { Notes = notes + i }).ToList();
        using (TrialStore store = TrialStore.Open(_file.Path, shared: false))
        {
            store.RegisterSweep(SampleTrials.Sweep, SampleTrials.Fingerprint(), stored.Count + 1);
            store.StoreBatch(stored);
            store.StoreBatch([Full("z1")]);
        }

        using (var database = Raw())
        {
            var pages = database.GetCollection(SummaryPages.Collection).Find(Query.GT("_id", 0)).ToList();
            Assert.True(pages.Count >= 4, $"{pages.Count} pages");
            Assert.All(pages, page => Assert.True(page["trials"].AsBinary.Length <= SummaryPages.MaxPageBytes, $"page {page["_id"]}"));
        }

        Assert.Equal([.. stored.Select(WithoutCurvesOrModel), WithoutCurvesOrModel(Full("z1"))], Listed());
        Assert.True(TrialStore.CheckFile(_file.Path).IsIntact);
    }

    [Fact]
    public void A_store_without_pages_is_answered_from_its_trials_and_given_pages_when_next_opened_to_write()
    {
        WriteStore([Full("a1"), Full("a2"), SampleTrials.Diverged("b1")]);
        List<string> listed = Listed();
        using (var database = Raw())
        {
            database.DropCollection(SummaryPages.Collection);
        }

        Assert.Equal(listed, Listed());
        TrialStore.Open(_file.Path, shared: false).Dispose();
        using (var database = Raw())
        {
            Assert.Equal(2, database.GetCollection(SummaryPages.Collection).Count());
        }

        Assert.Equal(listed, Listed());
        Assert.True(TrialStore.CheckFile(_file.Path).IsIntact);
    }

    [Fact]
    public void A_damaged_page_is_named_by_check_never_read_by_queries_and_rebuilt_when_next_opened_to_write()
    {
        WriteStore([Full("a1"), Full("a2"), SampleTrials.Diverged("b1")]);
        List<string> listed = Listed();
        using (var database = Raw())
        {
            ILiteCollection<BsonDocument> pages = database.GetCollection(SummaryPages.Collection);
            BsonDocument page = pages.FindById(1);
            byte[] bytes = page["trials"].AsBinary;
            page["trials"] = bytes[..(bytes.Length / 2)];
            pages.Update(page);
        }

        Assert.Equal(listed, Listed());
        StoreCheckReport report = TrialStore.CheckFile(_file.Path);
        Assert.StartsWith("summary_pages: page 1 cannot be read", Assert.Single(report.Rebuildable), StringComparison.Ordinal);
        Assert.Empty(report.Problems);
        Assert.False(report.IsIntact);

        using (TrialStore store = TrialStore.Open(_file.Path, shared: false))
        {
            store.StoreBatch([Full("c1")]);
        }

        Assert.Equal(4, Listed().Count);
        Assert.True(TrialStore.CheckFile(_file.Path).IsIntact);
        using (var database = Raw())
        {
            Assert.Equal(2, database.GetCollection(SummaryPages.Collection).Count());
        }
    }

    [Fact]
    public void A_page_numbered_out_of_order_by_damage_stops_the_pages_being_read_rather_than_lose_a_trial()
    {
        WriteStore([.. Enumerable.Range(0, SummaryPages.Capacity + 3).Select(i => Full($"p{i:D3}"))]);
        using (var database = Raw())
        {
            database.GetCollection(SummaryPages.Collection).Insert(new BsonDocument { ["_id"] = "stray", ["trials"] = SummaryPage.Encode([]) });
        }

        using (TrialStore store = TrialStore.Open(_file.Path, shared: false))
        {
            store.StoreBatch([Full("q1")]);
        }

        Assert.Equal(SummaryPages.Capacity + 4, Listed().Count);
    }

    [Fact]
    public void A_trial_stored_by_a_version_before_pages_is_listed_as_it_was_stored_then_and_the_pages_are_rebuilt()
    {
        WriteStore([Full("a1"), Full("a2")]);
        using (var database = Raw())
        {
            // What that version's upsert leaves: the ranking key where it kept it, the summary, and the pages as they were.
            ILiteCollection<BsonDocument> trials = database.GetCollection("trials");
            BsonDocument replaced = trials.FindById("a2");
            replaced["node"] = "elsewhere";
            replaced["rank"] = replaced["rank_key"];
            replaced.Remove("rank_key");
            trials.Update(replaced);
            ILiteCollection<BsonDocument> summaries = database.GetCollection("summaries");
            BsonDocument summary = summaries.FindById("a2");
            summary["node"] = "elsewhere";
            summaries.Update(summary);
        }

        Assert.Contains("elsewhere", Listed().Single(t => t.Contains("\"a2\"", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.True(TrialStore.CheckFile(_file.Path).IsIntact);

        TrialStore.Open(_file.Path, shared: false).Dispose();
        using (var database = Raw())
        {
            Assert.All(database.GetCollection("trials").FindAll(), t => Assert.False(t.ContainsKey("rank")));
        }

        Assert.Contains("elsewhere", Listed().Single(t => t.Contains("\"a2\"", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.True(TrialStore.CheckFile(_file.Path).IsIntact);
    }

    private static TrialResult With(TrialResult trial, System.Reflection.PropertyInfo property, object? value)
    {
        TrialResult copy = trial with { };
        property.SetValue(copy, value);
        return copy;
    }

    private static string Ranked(TrialResult t) => string.Join("|", t.TrialId, t.Status, t.ConfigurationId, t.Seed, t.TestAccuracy, t.TestCost, t.ValidationAccuracy);

    private static string WithoutCurvesOrModel(TrialResult t) => TrialJson.Of(t with { CostCurve = [], LayerNorms = [], ModelJson = null });

    private List<string> Listed()
    {
        using TrialStore store = TrialStore.OpenReadOnly(_file.Path);
        var listed = store.Trials(includeCurves: false).Select(TrialJson.Of).ToList();
        Assert.Empty(store.UnreadableTrials);
        return listed;
    }

    private void WriteStore(IReadOnlyList<TrialResult> trials)
    {
        using TrialStore store = TrialStore.Open(_file.Path, shared: false);
        store.RegisterSweep(SampleTrials.Sweep, SampleTrials.Fingerprint(), trials.Count);
        store.StoreBatch(trials);
    }

    /// <summary>Pairs that give one name two values, as damage could make a page say: no dictionary can.</summary>
    private sealed class RepeatedName(string name, string first, string second) : IReadOnlyDictionary<string, string>
    {
        private readonly KeyValuePair<string, string>[] _pairs = [new(name, first), new(name, second)];

        public int Count => _pairs.Length;

        public string this[string key] => throw new NotSupportedException();

        public IEnumerable<string> Keys => _pairs.Select(p => p.Key);

        public IEnumerable<string> Values => _pairs.Select(p => p.Value);

        public bool ContainsKey(string key) => throw new NotSupportedException();

        public bool TryGetValue(string key, out string value) => throw new NotSupportedException();

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_pairs).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private LiteDatabase Raw() => new(new ConnectionString { Filename = _file.Path, Connection = ConnectionType.Direct });
}
