using LiteDB;
using Sweep.Domain;

namespace Sweep.Storage;

/// <summary>
/// The results of every sweep in one LiteDB file: the sweeps (name, hashes, size, metric, the sweep file) and one document per
/// trial, upserted by trial id, with the trained models kept apart so that listings stay cheap.
/// <para>
/// Summaries and ranking keys. Each trial is stored with its summary (<c>summaries</c>, written in the same
/// transaction): the trial without its cost curve and layer norms, which are most of its bytes; and its document holds
/// a ranking key (<see cref="TrialDocuments.RankKey"/>), indexed, from which a ranking reads every trial without reading
/// a document. Listings read the summaries. A trial without a ranking key was stored by a version before them, which
/// wrote no summary either (or replaced one it did not know of); while the store has such a trial, queries read the
/// trials themselves, which gives the same answers more slowly, and the next <see cref="Open"/> to write gives every
/// trial its key and summary. A query never writes them: it may be reading a store that a sweep in another process is
/// writing.
/// </para>
/// <para>
/// Connection mode. <see cref="Open"/> and <see cref="OpenReadOnly"/> use LiteDB's shared mode by default, and every
/// process that opens the file must do the same: the runtime writes while <c>sweep trials</c>, <c>best</c> and
/// <c>show</c> read from other processes on the same machine. Direct mode opens the file for one process only.
/// Shared mode serializes the processes through a named mutex and opens and closes the file around each call, which
/// also makes each call durable: a commit has reached the file (written, flushed and checkpointed) when the call
/// returns. That costs a few milliseconds a call whatever its size, so a writer stores results in batches
/// (<see cref="StoreBatch"/>). The mutex lives on one machine: a process in another container on the same volume must
/// not open the file; query through the process that owns it. Direct mode (<c>shared: false</c>) is for a file no
/// other process touches (tests, benchmarks); there <see cref="StoreBatch"/> checkpoints after its commit, because a
/// direct-mode commit returns before its log pages are written.
/// </para>
/// <para>
/// Damage. A file that is not whole (truncated, overwritten in part, corrupt pages) throws
/// <see cref="DamagedStoreException"/> from whichever call meets the damage, and is never re-created or written over.
/// A trial document that LiteDB reads but that is not a trial (a field missing or of another type) is left out of
/// every listing and recorded in <see cref="UnreadableTrials"/>; <see cref="Check"/> reads every document.
/// </para>
/// <para>
/// Thread-safety: calls are serialized on an internal lock. Each call runs synchronously on the calling thread from
/// start to end (LiteDB transactions and the shared-mode mutex belong to the OS thread), so the store can be used
/// from an actor, but never across an <c>await</c>.
/// </para>
/// </summary>
public sealed class TrialStore : IDisposable
{
    /// <summary>How many candidates an ambiguous id prefix reports.</summary>
    internal const int AmbiguityListLength = 5;

    /// <summary>How many characters of a file hash messages show.</summary>
    private const int HashPrefixLength = 12;

    private const string TrialsCollection = "trials";
    private const string ModelsCollection = "models";
    private const string SweepsCollection = "sweeps";
    private const string SummariesCollection = "summaries";

    /// <summary>The marker <see cref="Check"/> leaves once LiteDB stopped reading; removed before the report is made.</summary>
    private const string Stopped = "(stopped)";

    /// <summary>
    /// The free space below which the store stops writing. LiteDB met a full disk half-way through a commit or a
    /// checkpoint with results that had been acknowledged and were then missing, so a write stops short of it.
    /// </summary>
    public const long MinimumFreeBytes = 16L * 1024 * 1024;

    /// <summary>How long <see cref="Dispose"/> waits for a call in progress.</summary>
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);

    private readonly object _gate = new();
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<BsonDocument> _trials;
    private readonly ILiteCollection<BsonDocument> _models;
    private readonly ILiteCollection<BsonDocument> _sweeps;
    private readonly ILiteCollection<BsonDocument> _summaries;
    private readonly SummaryPages _pages;
    private readonly Dictionary<string, UnreadableTrial> _unreadable = new(StringComparer.Ordinal);
    private bool _disposed;

    private TrialStore(string path, bool shared, bool readOnly, LiteDatabase database)
    {
        FilePath = path;
        IsShared = shared;
        IsReadOnly = readOnly;
        _database = database;
        _trials = database.GetCollection(TrialsCollection);
        _models = database.GetCollection(ModelsCollection);
        _sweeps = database.GetCollection(SweepsCollection);
        _summaries = database.GetCollection(SummariesCollection);
        _pages = new SummaryPages(database.GetCollection(SummaryPages.Collection));
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>Whether the file is opened in LiteDB's shared mode (see the class remarks).</summary>
    public bool IsShared { get; }

    /// <summary>Whether the store was opened for queries only: nothing is ever written to the file.</summary>
    public bool IsReadOnly { get; }

    /// <summary>
    /// The trial documents that the calls so far met and could not read as trials; they were left out of what the
    /// calls returned. A caller reports them, so that nothing is left out in silence.
    /// </summary>
    public IReadOnlyList<UnreadableTrial> UnreadableTrials
    {
        get
        {
            lock (_gate)
            {
                return [.. _unreadable.Values.OrderBy(u => u.TrialId, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>
    /// Opens the store at <paramref name="path"/> to write to it, creating the file if it does not exist (or is
    /// empty), and makes sure its indexes exist. Throws <see cref="TrialStoreException"/>, naming the file, when it
    /// cannot be used, and <see cref="DamagedStoreException"/> when it is damaged; neither changes the file.
    /// </summary>
    public static TrialStore Open(string path, bool shared = true) => OpenCore(path, shared, readOnly: false);

    /// <summary>
    /// Opens an existing store for queries. Nothing is ever written to the file (a read-only file works), and a
    /// missing or empty file throws <see cref="TrialStoreException"/> instead of being created, so a mistyped
    /// <c>--db</c> leaves nothing behind.
    /// </summary>
    public static TrialStore OpenReadOnly(string path, bool shared = true) => OpenCore(path, shared, readOnly: true);

    /// <summary>
    /// The file behind <paramref name="path"/> through every symbolic link; throws <see cref="TrialStoreException"/>
    /// for a link to nothing.
    /// </summary>
    public static string ResolvedPath(string path) => StoreFile.Resolved(path);

    /// <summary>Whether <paramref name="path"/> is a LiteDB file (by its header), which no other output may replace.</summary>
    public static bool IsStoreFile(string path) => File.Exists(path) && new FileInfo(path).Length >= StoreFile.PageSize && StoreFile.HasSignature(path);

    /// <summary>
    /// Says what <see cref="RegisterSweep"/> would decide, without writing: a new name would be registered; the same
    /// name with the same meaning and data resumes; the same name from a file that means something else, or on other
    /// data, is refused.
    /// </summary>
    public SweepRegistration CheckSweep(string name, SweepFingerprint fingerprint, int trialCount, string? metric = null)
    {
        RequireRegistration(name, fingerprint, trialCount, metric);
        return InTransaction(() => Decide(name, fingerprint, trialCount, metric).Registration);
    }

    /// <summary>
    /// Registers a sweep once it really starts: a new name is stored with its fingerprint; the same name with the same
    /// meaning and data resumes (the stored registration is kept, and given the fingerprint's hashes where a store of
    /// an earlier version lacks them); a different meaning or other data is refused, and nothing is changed.
    /// </summary>
    public SweepRegistration RegisterSweep(string name, SweepFingerprint fingerprint, int trialCount, string? metric = null)
    {
        RequireWritable();
        RequireRegistration(name, fingerprint, trialCount, metric);
        return InTransaction(() =>
        {
            (SweepRegistration registration, BsonDocument? write) = Decide(name, fingerprint, trialCount, metric);
            if (write is not null)
            {
                _sweeps.Upsert(write);
            }

            return registration;
        });
    }

    /// <summary>
    /// Stores the results in one transaction: each is upserted by trial id (a result stored again replaces the
    /// earlier one, never duplicates it; within a batch the last one of an id wins), and either all of them are
    /// stored or, when one is invalid or the write fails, none. Returns once the commit is durable, so the caller may
    /// acknowledge every result of the batch.
    /// </summary>
    public void StoreBatch(IReadOnlyList<TrialResult> results)
    {
        RequireWritable();
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0)
        {
            return;
        }

        RequireRoomToWrite();
        if (IsShared && !File.Exists(FilePath))
        {
            // Shared mode opens the file anew for each call, and LiteDB would create a new, empty one.
            throw new TrialStoreException($"the sweep store {FilePath} was deleted or moved while the sweep ran; what was stored before is wherever the file went");
        }

        InTransaction(() =>
        {
            foreach (TrialResult result in results)
            {
                // Mapped inside the transaction: an invalid result rolls back the ones upserted before it.
                BsonDocument trial = TrialDocuments.ToDocument(result);
                _trials.Upsert(trial);
                _summaries.Upsert(TrialDocuments.SummaryOf(trial));
                if (result.ModelJson is null)
                {
                    _models.Delete(result.TrialId);
                }
                else
                {
                    _models.Upsert(TrialDocuments.ToModelDocument(result));
                }
            }

            _pages.Append(results);
            return true;
        });

        if (!IsShared)
        {
            // Direct mode: the commit only queued its log pages; the checkpoint waits for them and writes them into
            // the data file. (In shared mode closing the file after the call already did both.)
            Locked(() =>
            {
                _database.Checkpoint();
                return true;
            });
        }
    }

    /// <summary>The ids of the sweep's stored trials; every stored status is final, so a resumed sweep skips them.</summary>
    public IReadOnlySet<string> StoredTrialIds(string sweep)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sweep);
        return InTransaction(() => _trials.Query()
            .Where(Query.EQ(TrialDocuments.Sweep, sweep))
            .Select(BsonExpression.Create("{ id: $._id }"))
            .ToEnumerable()
            .Select(d => d["id"].AsString)
            .ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>
    /// The <paramref name="top"/> completed trials (of one sweep, or of all when <paramref name="sweep"/> is null) with
    /// the best value of <paramref name="metric"/> (one of <see cref="TrialMetrics.All"/>). Ties go to the lower
    /// <see cref="TrialMetrics.TieBreakCost"/> (the validation cost for a validation metric, else the test cost), then
    /// to the smaller trial id (ordinal), so the order never depends on storage order. Trials without a
    /// finite value of the metric are left out. Models are included only when asked for.
    /// </summary>
    public IReadOnlyList<TrialResult> Best(string? sweep, int top, string metric, bool higherIsBetter, bool includeModels = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        if (!TrialMetrics.IsValid(metric))
        {
            throw TrialMetrics.Unknown(metric, nameof(metric));
        }

        return InTransaction(() =>
        {
            List<TrialResult> ranked = Rank(sweep, metric, higherIsBetter, top);
            return includeModels ? WithModels(ranked) : ranked;
        });
    }

    /// <summary>
    /// The stored trials of one sweep (or all), optionally of one status, in the order they finished (then by id).
    /// Models are included only when asked for; cost curves and layer norms unless <paramref name="includeCurves"/> is
    /// false, for listings and rankings that never read them: the trials' summaries are then read instead (or, in a
    /// store whose summaries are not all there, each trial is read whole and only the rest of it kept), so that 100,000
    /// trials of a course-sized network take hundreds of megabytes, not gigabytes.
    /// </summary>
    public IReadOnlyList<TrialResult> Trials(string? sweep = null, string? status = null, bool includeModels = false, bool includeCurves = true)
    {
        if (status is not null)
        {
            TrialResultStatus.Require(status, nameof(status));
        }

        return InTransaction(() =>
        {
            List<TrialResult> trials = Find(sweep, status, includeCurves);
            trials.Sort(InFinishingOrder);
            return includeModels ? WithModels(trials) : trials;
        });
    }

    /// <summary>
    /// The sweep's stored trials (of all sweeps when <paramref name="sweep"/> is null) as far as a ranking reads them:
    /// id, sweep, status, configuration id, seed and metrics, everything else left at its default. Read from the
    /// summaries, deserializing nothing else, so that ranking 20,000 trials reads a few megabytes. The trials to show
    /// are then read by <see cref="TrialsById"/>.
    /// </summary>
    public IReadOnlyList<TrialResult> TrialsToRank(string? sweep) => InTransaction(() =>
    {
        if (PagedSummaries(withSettings: false) is { } summaries)
        {
            return sweep is null ? summaries : summaries.FindAll(t => t.Sweep == sweep);
        }

        var trials = new List<TrialResult>();
        bool keyed = EveryTrialKeyed();
        if (keyed)
        {
            // The index's keys alone, every sweep's (a filter on the sweep would make LiteDB read the documents).
            foreach (BsonDocument key in _trials.Query().Select(RankKeyOnly).ToEnumerable())
            {
                try
                {
                    TrialResult trial = TrialDocuments.FromRankKey(key[TrialDocuments.RankKey].AsString);
                    if (sweep is null || trial.Sweep == sweep)
                    {
                        trials.Add(trial);
                    }
                }
                catch (Exception exception) when (exception is FormatException or InvalidCastException or NullReferenceException)
                {
                    // Damage: the trial's document says what is wrong when it is read.
                    trials.Clear();
                    keyed = false;
                    break;
                }
            }

            if (keyed)
            {
                return trials;
            }
        }

        ILiteQueryable<BsonDocument> query = _trials.Query();
        if (sweep is not null)
        {
            query = query.Where(Query.EQ(TrialDocuments.Sweep, sweep));
        }

        foreach (BsonDocument document in query.Select(BsonExpression.Create(TrialDocuments.RankingProjection)).ToEnumerable())
        {
            try
            {
                trials.Add(TrialDocuments.RankingTrialOf(document));
            }
            catch (FormatException exception)
            {
                string id = TrialDocuments.IdOf(document);
                _unreadable[id] = new UnreadableTrial(id, exception.Message);
            }
        }

        return trials;
    });

    /// <summary>
    /// The stored trials with these ids, without models, cost curves and layer norms, in the order of
    /// <paramref name="trialIds"/>; an id that is not stored (or whose trial cannot be read) is left out.
    /// </summary>
    public IReadOnlyList<TrialResult> TrialsById(IEnumerable<string> trialIds)
    {
        ArgumentNullException.ThrowIfNull(trialIds);
        return InTransaction(() =>
        {
            bool summaries = EveryTrialKeyed();
            var trials = new List<TrialResult>();
            foreach (string id in trialIds)
            {
                BsonDocument? document = (summaries ? _summaries : _trials).FindById(id);
                if (document is not null && ReadTrial(document, modelJson: null, withCurves: !summaries) is { } trial)
                {
                    trials.Add(summaries ? trial : trial with { CostCurve = [], LayerNorms = [] });
                }
            }

            return trials;
        });
    }

    /// <summary>
    /// One trial, with its model, by its full id or by a prefix of it that only one stored trial has (as git does
    /// with commits). Returns null when nothing matches; throws <see cref="AmbiguousTrialIdException"/> when the prefix
    /// matches several trials.
    /// </summary>
    public TrialResult? Get(string trialIdOrPrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trialIdOrPrefix);
        string key = trialIdOrPrefix.Trim();
        return InTransaction(() =>
        {
            BsonDocument? document = _trials.FindById(key);
            if (document is null)
            {
                List<BsonDocument> matches = _trials.Query()
                    .Where(Query.StartsWith(TrialDocuments.Id, key))
                    .Limit(AmbiguityListLength)
                    .ToList();
                if (matches.Count > 1)
                {
                    throw new AmbiguousTrialIdException(key, matches.Select(m => m[TrialDocuments.Id].AsString).Order(StringComparer.Ordinal).ToList());
                }

                document = matches.Count == 1 ? matches[0] : null;
            }

            if (document is null)
            {
                return null;
            }

            return ReadTrial(document, ModelOf(document)) ?? throw new DamagedStoreException(
                $"trial {TrialDocuments.IdOf(document)} is stored in {FilePath} but cannot be read: {_unreadable[TrialDocuments.IdOf(document)].Problem}");
        });
    }

    /// <summary>
    /// The best completed trial, with its model (what <c>export-model --best</c> exports). The metric is
    /// <paramref name="metric"/> if given, else the sweep's registered metric, else the metric every registered sweep
    /// shares, else test accuracy; its direction comes from <see cref="TrialMetrics.IsHigherBetter"/>. Null when there
    /// is no completed trial.
    /// </summary>
    public TrialResult? BestTrial(string? sweep = null, string? metric = null)
    {
        if (metric is not null && !TrialMetrics.IsValid(metric))
        {
            throw TrialMetrics.Unknown(metric, nameof(metric));
        }

        return InTransaction(() =>
        {
            string chosen = metric ?? RegisteredMetric(sweep) ?? TrialMetrics.TestAccuracy;
            TrialResult? best = Rank(sweep, chosen, TrialMetrics.IsHigherBetter(chosen), 1).FirstOrDefault();
            return best is null ? null : WithModels([best])[0];
        });
    }

    /// <summary>
    /// The sweep file <paramref name="sweep"/> was registered from, or null when the store has no such sweep or its
    /// registration predates kept files. Read on its own, so that listing the sweeps never reads their files.
    /// </summary>
    public StoredSweepFile? SweepFile(string sweep)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sweep);
        return InTransaction(() => _sweeps.FindById(sweep) is { } document ? FileOf(document) : null);
    }

    /// <summary>
    /// The registered sweeps, oldest first, each with how many of its trials are stored (0 unless
    /// <paramref name="countTrials"/>: counting walks the index of every stored trial).
    /// </summary>
    public IReadOnlyList<SweepInfo> Sweeps(bool countTrials = true) => InTransaction(() => _sweeps.FindAll()
        .ToList()
        .Select(d => FromSweepDocument(d, countTrials ? CountStored(d[TrialDocuments.Id].AsString) : 0))
        .OrderBy(s => s.CreatedAt)
        .ThenBy(s => s.Name, StringComparer.Ordinal)
        .ToList());

    /// <summary>
    /// Reads every document of the store, as SQLite's integrity check does: the sweeps, each trial as a trial, and each
    /// model unless <paramref name="includeModels"/> is false (the models are most of a store's bytes, and a run that
    /// checks before it writes only counts them through their indexes). Never throws for damage; a collection that cannot be read to its
    /// end is a problem in the report, with how many of its documents were read before it.
    /// </summary>
    public StoreCheckReport Check(bool includeModels = true) => Locked(() =>
    {
        // One transaction, so that every part is read from one snapshot: in shared mode each call would otherwise open
        // the file anew, and a sweep writing between two of them would make the counts disagree.
        bool inTransaction = TryBeginReadTransaction();
        try
        {
            return CheckSnapshot(includeModels);
        }
        finally
        {
            if (inTransaction)
            {
                EndReadTransaction();
            }
        }
    });

    private StoreCheckReport CheckSnapshot(bool includeModels)
    {
        var problems = new List<string>();
        var unreadable = new List<UnreadableTrial>();
        // What each trial's summary must be, kept as a hash of its bytes rather than whole (20,000 summaries are tens of megabytes).
        var summaries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var fingerprints = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        int sweeps = ReadAll(_sweeps, SweepsCollection, problems, document => FromSweepDocument(document, 0));
        int trials = ReadAll(_trials, TrialsCollection, problems, document =>
        {
            summaries[TrialDocuments.IdOf(document)] = HashOf(TrialDocuments.SummaryOf(document));
            try
            {
                TrialResult trial = TrialDocuments.FromDocument(document, modelJson: null);
                fingerprints[trial.TrialId] = SummaryPages.Fingerprint(trial);
                BsonValue key = document[TrialDocuments.RankKey];
                if (!key.IsNull && TrialDocuments.RankKeyOf(trial) != key)
                {
                    problems.Add($"{TrialsCollection}: trial {trial.TrialId}'s ranking key is not its own: rankings would place it by what is not stored");
                }
            }
            catch (FormatException exception)
            {
                unreadable.Add(new UnreadableTrial(TrialDocuments.IdOf(document), exception.Message));
                fingerprints[TrialDocuments.IdOf(document)] = null;
            }
        });
        int models = includeModels
            ? ReadAll(_models, ModelsCollection, problems, document => _ = document[TrialDocuments.Json].AsString)
            : CountAll(_models, ModelsCollection, problems);

        // A summary stands in for its trial in every listing and ranking, so it must be the trial's own. (A trial
        // without a summary is not a problem: queries read the trials until the next write builds the summaries. A
        // ranking key in a summary, which a version that kept it elsewhere copied there, is not read by any query.)
        int summarized = ReadAll(_summaries, SummariesCollection, problems, document =>
        {
            string id = TrialDocuments.IdOf(document);
            if (!summaries.TryGetValue(id, out byte[]? expected))
            {
                problems.Add($"{SummariesCollection}: the summary of trial {id} has no trial: listings would show a trial that is not stored");
            }
            else if (!expected.AsSpan().SequenceEqual(HashOf(TrialDocuments.SummaryOf(document))))
            {
                problems.Add($"{SummariesCollection}: the summary of trial {id} differs from the trial: listings and rankings would show what is not stored");
            }
        });

        var rebuildable = new List<string>();
        CheckPages(fingerprints, problems, rebuildable);

        // Rankings and filters read through the secondary indexes, which a read of every document does not touch.
        CheckIndex(_trials, TrialsCollection, TrialDocuments.Sweep, trials, problems);
        CheckIndex(_trials, TrialsCollection, TrialDocuments.Status, trials, problems);
        CheckIndex(_models, ModelsCollection, TrialDocuments.Sweep, models, problems);
        CheckIndex(_trials, TrialsCollection, TrialDocuments.RankKey, trials, problems);
        CheckIndex(_summaries, SummariesCollection, TrialDocuments.Sweep, summarized, problems);
        CheckIndex(_summaries, SummariesCollection, TrialDocuments.Status, summarized, problems);

        CheckLookups(problems);
        problems.RemoveAll(p => p == Stopped);
        return new StoreCheckReport(FilePath, sweeps, trials, models, unreadable, problems) { Rebuildable = rebuildable };
    }

    /// <summary>
    /// The lookups queries and a resuming run make through the indexes (a seek goes through other links of an index
    /// than a walk over all of it): the trials without a ranking key, every ranking key, and each sweep's trials and
    /// summaries.
    /// </summary>
    private void CheckLookups(List<string> problems)
    {
        if (StoppedEarlier(problems, "the lookups of queries"))
        {
            return;
        }

        try
        {
            _ = EveryTrialKeyed();
            _ = _trials.Query().Select(RankKeyOnly).ToEnumerable().Count();
            foreach (string sweep in _sweeps.Query().Select(IdOnly).ToEnumerable().Select(d => d[TrialDocuments.Id]).Where(id => id.IsString).Select(id => id.AsString).ToList())
            {
                _ = CountOf(_trials, sweep);
                _ = _trials.Query().Where(Query.EQ(TrialDocuments.Sweep, sweep)).Select(IdOnly).ToEnumerable().Count();
                _ = _summaries.Find(Query.EQ(TrialDocuments.Sweep, sweep)).Count();
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            problems.Add($"the lookups of queries through the indexes cannot be made: {StoreFile.Clean(exception.Message)}");
            problems.Add(Stopped);
        }
    }

    /// <summary>The summary pages stand in for the trials in listings and rankings, so they must hold each one as it is stored.</summary>
    private void CheckPages(IReadOnlyDictionary<string, byte[]?> fingerprints, List<string> problems, List<string> rebuildable)
    {
        if (StoppedEarlier(problems, SummaryPages.Collection))
        {
            return;
        }

        try
        {
            // Pages that some trial's version did not keep are not read by queries, and rebuilt by the next open to write.
            if (EveryTrialKeyed())
            {
                _pages.Check(fingerprints, problems, rebuildable);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            problems.Add($"{SummaryPages.Collection}: cannot be read: {StoreFile.Clean(exception.Message)}");
            problems.Add(Stopped);
        }
    }

    private static byte[] HashOf(BsonDocument document) => System.Security.Cryptography.SHA256.HashData(BsonSerializer.Serialize(document));

    /// <summary>A transaction to read in; false when the damage itself stops LiteDB from starting one.</summary>
    private bool TryBeginReadTransaction()
    {
        try
        {
            return _database.BeginTrans();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return false;
        }
    }

    /// <summary>Nothing was written, so the transaction is rolled back; a rollback that fails on the damage is moot.</summary>
    private void EndReadTransaction()
    {
        try
        {
            _database.Rollback();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            System.Diagnostics.Trace.TraceWarning($"ending the read of a damaged store: {exception.Message}");
        }
    }

    /// <summary>
    /// <see cref="Check"/> for the file at <paramref name="path"/>, opened read-only, damage included: a file cut
    /// short of whole pages is read from a copy padded with empty pages (the original is never touched), and a file
    /// that cannot be opened at all is a report with that problem. Throws <see cref="TrialStoreException"/> only when
    /// the file is not a store (missing, empty, another kind of file).
    /// </summary>
    public static StoreCheckReport CheckFile(string path)
    {
        string fullPath = StoreFile.Resolved(Path.GetFullPath(path));
        try
        {
            using TrialStore store = OpenReadOnly(fullPath);
            return store.Check();
        }
        catch (DamagedStoreException damage) when (File.Exists(fullPath) && StoreFile.WholeLength(fullPath) > new FileInfo(fullPath).Length)
        {
            string copy = Path.Combine(Path.GetTempPath(), $"sweep-check-{Guid.NewGuid():N}.db");
            try
            {
                File.Copy(fullPath, copy);
                using (var stream = new FileStream(copy, FileMode.Open, FileAccess.Write))
                {
                    stream.SetLength(StoreFile.WholeLength(fullPath));
                }

                StoreCheckReport padded = CheckFile(copy);
                return padded with
                {
                    FilePath = fullPath,
                    Problems = [damage.Message + "; what follows was read from a copy padded with empty pages",
                        .. padded.Problems.Select(p => AboutTheCopy(p, copy))],
                };
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return new StoreCheckReport(fullPath, 0, 0, 0, [], [damage.Message, $"a padded copy to read could not be made in {Path.GetTempPath()}: {StoreFile.Clean(exception.Message)}"]);
            }
            finally
            {
                if (File.Exists(copy))
                {
                    File.Delete(copy);
                }
            }
        }
        catch (DamagedStoreException damage)
        {
            return new StoreCheckReport(fullPath, 0, 0, 0, [], [damage.Message]);
        }
    }

    /// <summary>A problem met in the padded copy, in words about the copy, without the advice meant for the user's own file.</summary>
    private static string AboutTheCopy(string problem, string copy)
    {
        int advice = problem.IndexOf(". Nothing was", StringComparison.Ordinal);
        return (advice < 0 ? problem : problem[..advice]).Replace($"the sweep store {copy}", "the padded copy", StringComparison.Ordinal)
            .Replace(copy, "the padded copy", StringComparison.Ordinal);
    }

    /// <summary>Copies everything committed into the data file (shared mode already does so after every call).</summary>
    public void Checkpoint() => Locked(() =>
    {
        _database.Checkpoint();
        return true;
    });

    /// <summary>
    /// Closes the file. Every call's commit was durable when it returned, so a close that fails (the disk that filled
    /// up, a file taken away) loses nothing, and one that cannot begin because a call is stuck inside LiteDB (as after
    /// a full disk) is given up after <see cref="CloseWait"/> rather than keeping the process from ending.
    /// </summary>
    public void Dispose()
    {
        if (!Monitor.TryEnter(_gate, CloseWait))
        {
            return;
        }

        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            DisposeQuietly(_database);
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }

    private static TrialStore OpenCore(string path, bool shared, bool readOnly)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new TrialStoreException("no sweep store given: the path is empty (pass --db <file>)");
        }

        string fullPath = StoreFile.Resolved(Path.GetFullPath(path));
        StoreFile.RequireUsable(fullPath, readOnly);

        var connection = new ConnectionString
        {
            Filename = fullPath,
            Connection = shared ? ConnectionType.Shared : ConnectionType.Direct,
            ReadOnly = readOnly,
            Upgrade = false,
        };

        LiteDatabase? database = null;
        try
        {
            database = new LiteDatabase(connection);
            var store = new TrialStore(fullPath, shared, readOnly, database);

            // The first real access opens the file (in shared mode nothing happens before), so a file that is not a
            // LiteDB database or is locked fails here, with its name, rather than at some later call.
            store.InTransaction(() =>
            {
                store.RequireOwnCollections();
                if (readOnly)
                {
                    _ = store._sweeps.Count();
                }
                else
                {
                    store._trials.EnsureIndex(TrialDocuments.Sweep);
                    store._trials.EnsureIndex(TrialDocuments.Status);
                    store._models.EnsureIndex(TrialDocuments.Sweep);
                    store._trials.DropIndex(TrialDocuments.FormerRankKey);
                    store._trials.EnsureIndex(TrialDocuments.RankKey);
                    store._summaries.EnsureIndex(TrialDocuments.Sweep);
                    store._summaries.EnsureIndex(TrialDocuments.Status);
                    store.CompleteSummaries();
                    store.CompletePages();
                }

                return true;
            });
            return store;
        }
        catch (DamagedStoreException damage)
        {
            DisposeQuietly(database);
            throw StoreFile.NotAFileThatKeepsData(fullPath) ?? damage;
        }
        catch (TrialStoreException)
        {
            DisposeQuietly(database);
            throw;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Whatever fails while opening (a damaged file can make LiteDB throw anything) is a store that cannot be
            // used, and the user needs the file's name.
            DisposeQuietly(database);
            throw StoreFile.NotAFileThatKeepsData(fullPath) ?? Describe(fullPath, exception);
        }
    }

    /// <summary>Closing a database that failed to open can fail again on the same damage; the first error is the one to report.</summary>
    private static void DisposeQuietly(LiteDatabase? database)
    {
        try
        {
            database?.Dispose();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            System.Diagnostics.Trace.TraceWarning($"closing a store that failed to open: {exception.Message}");
        }
    }

    /// <summary>
    /// Whether an exception from inside a call is about the file rather than the caller: the store's own refusals
    /// (an invalid result, an ambiguous id, a disposed store) pass through as they are; anything else LiteDB throws,
    /// whatever its type, comes from the file.
    /// </summary>
    private static bool IsStorageFailure(Exception exception) =>
        exception is not (TrialStoreException or InvalidTrialResultException or ObjectDisposedException or OutOfMemoryException);

    private static TrialStoreException Describe(string path, Exception exception) => exception switch
    {
        LiteException { ErrorCode: LiteException.LOCK_TIMEOUT } =>
            new TrialStoreException($"the sweep store {path} is locked: another process kept it busy for too long ({StoreFile.Clean(exception.Message)})", exception),
        LiteException { ErrorCode: LiteException.NOT_ENCRYPTED or LiteException.INVALID_PASSWORD } =>
            new TrialStoreException($"{path} is an encrypted LiteDB database, not a sweep store: {StoreFile.Clean(exception.Message)}", exception),
        IOException when StoreFile.IsNoSpace(exception) =>
            new TrialStoreException($"the disk holding the sweep store {path} is full: {StoreFile.Clean(exception.Message)}. Free some space; what is stored is kept", exception),
        IOException =>
            new TrialStoreException(
                $"the sweep store {path} is locked or unreadable: {StoreFile.Clean(exception.Message)}. Another program may hold it open; " +
                "every process must open it in shared mode", exception),
        UnauthorizedAccessException =>
            new TrialStoreException($"no permission to open the sweep store {path}: {StoreFile.Clean(exception.Message)}", exception),
        _ => StoreFile.Damaged(path, exception),
    };

    private static string Prefix(string hash) => hash.Length <= HashPrefixLength ? hash : hash[..HashPrefixLength];

    private static BsonDocument ToSweepDocument(SweepInfo sweep) => new()
    {
        [TrialDocuments.Id] = sweep.Name,
        ["file_hash"] = sweep.FileHash,
        ["trial_count"] = sweep.TrialCount,
        ["metric"] = sweep.Metric is null ? BsonValue.Null : new BsonValue(sweep.Metric),
        ["created_at"] = sweep.CreatedAt.UtcTicks,
        ["settings_hash"] = sweep.SettingsHash is null ? BsonValue.Null : new BsonValue(sweep.SettingsHash),
        ["data_hash"] = sweep.DataHash is null ? BsonValue.Null : new BsonValue(sweep.DataHash),
        ["data_source"] = sweep.DataSource is null ? BsonValue.Null : new BsonValue(sweep.DataSource),
    };

    private static SweepInfo FromSweepDocument(BsonDocument document, int storedTrials)
    {
        try
        {
            return new SweepInfo(
                RequiredText(document, TrialDocuments.Id),
                RequiredText(document, "file_hash"),
                document["trial_count"].IsInt32 ? document["trial_count"].AsInt32 : throw new InvalidCastException("field 'trial_count' is not a whole number"),
                OptionalString(document, "metric"),
                new DateTimeOffset(document["created_at"].IsInt64 ? document["created_at"].AsInt64 : throw new InvalidCastException("field 'created_at' is not a time"), TimeSpan.Zero),
                storedTrials)
            {
                SettingsHash = OptionalString(document, "settings_hash"),
                DataHash = OptionalString(document, "data_hash"),
                DataSource = OptionalString(document, "data_source"),
            };
        }
        catch (Exception exception) when (exception is InvalidCastException or ArgumentException)
        {
            throw new FormatException($"the registration of sweep {TrialDocuments.IdOf(document)} cannot be read: {exception.Message}", exception);
        }
    }

    private static StoredSweepFile? FileOf(BsonDocument document) =>
        OptionalString(document, "file_path") is { } path && OptionalString(document, "file_text") is { } text ? new StoredSweepFile(path, text) : null;

    /// <summary>The sweep document with the sweep file kept in it (when there is one to keep).</summary>
    private static BsonDocument WithFile(BsonDocument document, StoredSweepFile? file)
    {
        if (file is not null)
        {
            document["file_path"] = file.FullPath;
            document["file_text"] = file.Text;
        }

        return document;
    }

    private static string RequiredText(BsonDocument document, string field) =>
        document[field] is { IsString: true } value ? value.AsString : throw new InvalidCastException($"field '{field}' is not text");

    private static string? OptionalString(BsonDocument document, string field) => document[field].IsString ? document[field].AsString : null;

    private static void RequireRegistration(string name, SweepFingerprint fingerprint, int trialCount, string? metric)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(fingerprint);
        ArgumentException.ThrowIfNullOrWhiteSpace(fingerprint.SettingsHash);
        ArgumentException.ThrowIfNullOrWhiteSpace(fingerprint.FileHash);
        ArgumentException.ThrowIfNullOrWhiteSpace(fingerprint.DataHash);
        ArgumentOutOfRangeException.ThrowIfNegative(trialCount);
        if (metric is not null && !TrialMetrics.IsValid(metric))
        {
            throw TrialMetrics.Unknown(metric, nameof(metric));
        }
    }

    /// <summary>
    /// The registration decision, and the sweep document to write when registering (null when nothing changes). A
    /// registration written before the settings and data hashes existed is compared by its file's bytes, and given the
    /// hashes when it resumes.
    /// </summary>
    private (SweepRegistration Registration, BsonDocument? Write) Decide(string name, SweepFingerprint fingerprint, int trialCount, string? metric)
    {
        BsonDocument? existing = _sweeps.FindById(name);
        if (existing is null)
        {
            var created = new SweepInfo(name, fingerprint.FileHash, trialCount, metric, DateTimeOffset.UtcNow, 0)
            {
                SettingsHash = fingerprint.SettingsHash,
                DataHash = fingerprint.DataHash,
                DataSource = fingerprint.DataSource,
            };
            return (new SweepRegistration(SweepRegistrationOutcome.New, created, $"new sweep '{name}': {trialCount} trials"),
                WithFile(ToSweepDocument(created), fingerprint.File));
        }

        SweepInfo stored = FromSweepDocument(existing, CountStored(name));
        bool sameSettings = stored.SettingsHash is null
            ? string.Equals(stored.FileHash, fingerprint.FileHash, StringComparison.Ordinal)
            : string.Equals(stored.SettingsHash, fingerprint.SettingsHash, StringComparison.Ordinal);
        if (!sameSettings)
        {
            string stamp = stored.SettingsHash is null
                ? $"stored file hash {Prefix(stored.FileHash)}, this file {Prefix(fingerprint.FileHash)}"
                : $"stored settings hash {Prefix(stored.SettingsHash)}, this file's {Prefix(fingerprint.SettingsHash)}";
            return (new SweepRegistration(
                SweepRegistrationOutcome.Refused,
                stored,
                $"the store {FilePath} already has a sweep named '{name}' from a different sweep file: its trials or metric differ ({stamp}), so it cannot be resumed. " +
                "Rename the sweep (the 'name' key of the sweep file) to keep both, or use another store (--db <file>)."), null);
        }

        if (stored.DataHash is not null && !string.Equals(stored.DataHash, fingerprint.DataHash, StringComparison.Ordinal))
        {
            return (new SweepRegistration(
                SweepRegistrationOutcome.Refused,
                stored,
                $"the data of sweep '{name}' changed since its trials were stored in {FilePath}: the data now read from {fingerprint.DataSource} is not the data its trials ran on " +
                $"(stored data hash {Prefix(stored.DataHash)}, now {Prefix(fingerprint.DataHash)}). Resuming would rank trials of two data sets together: " +
                "put the original data back, or rename the sweep (the 'name' key) or use another store (--db <file>) to start afresh."), null);
        }

        // A sampled search run again with a larger (or smaller) budget means the same: its count of trials follows.
        var resumed = stored with
        {
            TrialCount = trialCount,
            SettingsHash = fingerprint.SettingsHash,
            DataHash = fingerprint.DataHash,
            DataSource = stored.DataSource ?? fingerprint.DataSource,
        };
        // The file kept is the first one registered; a registration without one keeps this one, which means the same.
        StoredSweepFile? keptFile = FileOf(existing);
        BsonDocument? upgrade = stored.SettingsHash is null || stored.DataHash is null || stored.TrialCount != trialCount || (keptFile is null && fingerprint.File is not null)
            ? WithFile(ToSweepDocument(resumed), keptFile ?? fingerprint.File)
            : null;
        return (new SweepRegistration(
            SweepRegistrationOutcome.Resumed,
            resumed,
            $"resuming sweep '{name}': {stored.StoredTrials} of {trialCount} trials already stored, {Math.Max(0, trialCount - stored.StoredTrials)} to run"), upgrade);
    }

    /// <summary>
    /// The <paramref name="top"/> best completed trials. The ranking reads only each trial's id, metric and tie-break cost
    /// (LiteDB skips the other fields of a document, curves included); only the trials it returns are read whole.
    /// </summary>
    private List<TrialResult> Rank(string? sweep, string metric, bool higherIsBetter, int top)
    {
        BsonExpression completed = Query.EQ(TrialDocuments.Status, TrialResultStatus.Completed);
        BsonExpression filter = sweep is null ? completed : Query.And(Query.EQ(TrialDocuments.Sweep, sweep), completed);

        // The metric is one of TrialMetrics.All (checked by the callers), which are also the documents' field names.
        BsonExpression projection = BsonExpression.Create($"{{ id: $._id, value: $.{metric}, cost: $.{TrialMetrics.TieBreakCost(metric)} }}");
        IEnumerable<TrialRanking> scored = _trials.Query()
            .Where(filter)
            .Select(projection)
            .ToList()
            .Where(d => d["id"].IsString && d["value"].IsNumber && double.IsFinite(d["value"].AsDouble))
            .Select(d => new TrialRanking(d["id"].AsString, d["value"].AsDouble, d["cost"].IsNumber ? d["cost"].AsDouble : double.NaN));
        return scored
            .Order(TrialRanking.Comparer(higherIsBetter))
            .Select(s => ReadTrial(_trials.FindById(s.TrialId), modelJson: null))
            .OfType<TrialResult>()
            .Take(top)
            .ToList();
    }

    private List<TrialResult> Find(string? sweep, string? status, bool includeCurves)
    {
        if (!includeCurves && PagedSummaries() is { } paged)
        {
            return paged.FindAll(t => (sweep is null || t.Sweep == sweep) && (status is null || t.Status == status));
        }

        bool summaries = !includeCurves && EveryTrialKeyed();
        BsonExpression? filter = (sweep, status) switch
        {
            (null, null) => null,
            (not null, null) => Query.EQ(TrialDocuments.Sweep, sweep),
            (null, not null) => Query.EQ(TrialDocuments.Status, status),
            _ => Query.And(Query.EQ(TrialDocuments.Sweep, sweep), Query.EQ(TrialDocuments.Status, status)),
        };
        ILiteCollection<BsonDocument> source = summaries ? _summaries : _trials;
        IEnumerable<BsonDocument> documents = filter is null ? source.FindAll() : source.Find(filter);
        // One document at a time: a list of the documents first held every one of them whole at once.
        IEnumerable<TrialResult> trials = documents.Select(d => ReadTrial(d, modelJson: null, withCurves: !summaries)).OfType<TrialResult>();
        return includeCurves || summaries ? trials.ToList() : trials.Select(t => t with { CostCurve = [], LayerNorms = [] }).ToList();
    }

    private List<TrialResult> WithModels(List<TrialResult> trials)
    {
        if (trials.Count == 0)
        {
            return trials;
        }

        var wanted = trials.Select(t => t.TrialId).ToHashSet(StringComparer.Ordinal);
        var models = new Dictionary<string, string>(StringComparer.Ordinal);
        if (trials.Count <= AmbiguityListLength)
        {
            foreach (string id in wanted)
            {
                if (_models.FindById(id) is { } model)
                {
                    models[id] = model[TrialDocuments.Json].AsString;
                }
            }
        }
        else
        {
            foreach (string sweep in trials.Select(t => t.Sweep).Distinct(StringComparer.Ordinal))
            {
                foreach (BsonDocument model in _models.Find(Query.EQ(TrialDocuments.Sweep, sweep)).ToList())
                {
                    string id = model[TrialDocuments.Id].AsString;
                    if (wanted.Contains(id))
                    {
                        models[id] = model[TrialDocuments.Json].AsString;
                    }
                }
            }
        }

        return trials.Select(t => models.TryGetValue(t.TrialId, out string? json) ? t with { ModelJson = json } : t).ToList();
    }

    /// <summary>The document (or summary, without curves) as a trial, or null after recording it in <see cref="UnreadableTrials"/>.</summary>
    private TrialResult? ReadTrial(BsonDocument document, string? modelJson, bool withCurves = true)
    {
        try
        {
            return TrialDocuments.FromDocument(document, modelJson, withCurves);
        }
        catch (FormatException exception)
        {
            string id = TrialDocuments.IdOf(document);
            _unreadable[id] = new UnreadableTrial(id, exception.Message);
            return null;
        }
    }

    /// <summary>
    /// A LiteDB file of another program (with collections, none of them a sweep store's) is neither queried as an
    /// empty store nor written into.
    /// </summary>
    private void RequireOwnCollections()
    {
        List<string> names = [.. _database.GetCollectionNames()];
        string[] ours = [SweepsCollection, TrialsCollection, ModelsCollection, SummariesCollection, SummaryPages.Collection];
        if (names.Count > 0 && !names.Any(n => ours.Contains(n, StringComparer.OrdinalIgnoreCase)))
        {
            throw new TrialStoreException(
                $"{FilePath} is a LiteDB database of another program (its collections: {string.Join(", ", names.Order(StringComparer.Ordinal).Take(5))}), " +
                "not a sweep store; pass the sweep store's file, or a new file name");
        }
    }

    /// <summary>Reads a collection to its end, checking each document; returns how many were read.</summary>
    private static int ReadAll(ILiteCollection<BsonDocument> collection, string name, List<string> problems, Action<BsonDocument> check)
    {
        int read = 0;
        if (StoppedEarlier(problems, name))
        {
            return read;
        }

        try
        {
            foreach (BsonDocument document in collection.FindAll())
            {
                try
                {
                    check(document);
                }
                catch (FormatException exception)
                {
                    problems.Add($"{name}: {StoreFile.Clean(exception.Message)}");
                }
                catch (InvalidCastException exception)
                {
                    problems.Add($"{name}: document {TrialDocuments.IdOf(document)} is not what this version expects: {StoreFile.Clean(exception.Message)}");
                }

                read++;
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            problems.Add($"{name}: reading stopped after {read} documents: {StoreFile.Clean(exception.Message)}");
            problems.Add(Stopped);
        }

        return read;
    }

    /// <summary>The collection's documents counted through its primary index, reading its pages but not the documents.</summary>
    private static int CountAll(ILiteCollection<BsonDocument> collection, string name, List<string> problems)
    {
        if (StoppedEarlier(problems, name))
        {
            return 0;
        }

        try
        {
            return collection.Count();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            problems.Add($"{name}: cannot be counted: {StoreFile.Clean(exception.Message)}");
            problems.Add(Stopped);
            return 0;
        }
    }

    /// <summary>Every document reached through the index on <paramref name="field"/>, counted against a read of them all.</summary>
    private static void CheckIndex(ILiteCollection<BsonDocument> collection, string name, string field, int documents, List<string> problems)
    {
        if (StoppedEarlier(problems, $"the index on {name}.{field}"))
        {
            return;
        }

        try
        {
            int indexed = collection.Count(Query.All(field));
            if (indexed != documents)
            {
                problems.Add($"the index on {name}.{field} reaches {indexed} documents of {documents}");
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            problems.Add($"the index on {name}.{field} cannot be read: {StoreFile.Clean(exception.Message)}");
            problems.Add(Stopped);
        }
    }

    /// <summary>
    /// LiteDB closes a store once it meets damage, so what comes after is not read; the report says so rather than
    /// blaming each later part for the closed store.
    /// </summary>
    private static bool StoppedEarlier(List<string> problems, string part)
    {
        if (!problems.Contains(Stopped))
        {
            return false;
        }

        problems.Add($"{part}: not read, since LiteDB stopped at the damage above");
        return true;
    }

    private string? ModelOf(BsonDocument trial) =>
        TrialDocuments.HasModel(trial) ? _models.FindById(trial[TrialDocuments.Id])?[TrialDocuments.Json].AsString : null;

    private int CountStored(string sweep) => CountOf(_trials, sweep);

    /// <summary>
    /// How many documents of a trials or summaries collection belong to the sweep (to any when null), counted from the
    /// keys of the index on <c>sweep</c> (or the primary index): LiteDB reads no document for it. (LiteDB's own count
    /// with a filter reads every document it counts.)
    /// </summary>
    private static int CountOf(ILiteCollection<BsonDocument> collection, string? sweep) => sweep is null
        ? collection.Count()
        : collection.Query().Where(Query.EQ(TrialDocuments.Sweep, sweep)).Select(SweepKey).ToEnumerable().Count();

    private static readonly BsonExpression SweepKey = BsonExpression.Create($"{{ {TrialDocuments.Sweep}: $.{TrialDocuments.Sweep} }}");

    private static readonly BsonExpression RankKeyOnly = BsonExpression.Create($"{{ {TrialDocuments.RankKey}: $.{TrialDocuments.RankKey} }}");

    private static readonly BsonExpression IdOnly = BsonExpression.Create($"{{ {TrialDocuments.Id}: $.{TrialDocuments.Id} }}");

    private static readonly BsonExpression WithoutRankKey = BsonExpression.Create($"$.{TrialDocuments.RankKey} = null");

    /// <summary>
    /// Whether every trial has its ranking key, and so was stored by this version with its summary. One look into the
    /// index on the key (in a store without the index, at the first document, which then lacks the key).
    /// </summary>
    private bool EveryTrialKeyed() => !_trials.Query().Where(WithoutRankKey).Select(RankKeyOnly).Limit(1).ToEnumerable().Any();

    /// <summary>
    /// Gives every trial stored without a ranking key (by a version before them) its key and its summary, and removes
    /// summaries whose trial is gone, in the transaction that opens the store to write; nothing when every trial has its
    /// key. A trial that cannot be read is left as it is (queries then keep reading the trials themselves). The summary
    /// pages, which such a version did not keep, are built again (<see cref="CompletePages"/>).
    /// </summary>
    private void CompleteSummaries()
    {
        if (EveryTrialKeyed())
        {
            return;
        }

        _pages.Invalidate();
        // One trial at a time (20,000 whole trials at once are gigabytes), by the ids from the primary index's keys.
        List<BsonValue> ids = [.. _trials.Query().Select(IdOnly).ToEnumerable().Select(d => d[TrialDocuments.Id])];
        foreach (BsonValue id in ids)
        {
            if (_trials.FindById(id) is not { } trial || ReadTrial(trial, modelJson: null) is not { } read)
            {
                continue;
            }

            trial[TrialDocuments.RankKey] = TrialDocuments.RankKeyOf(read);
            trial.Remove(TrialDocuments.FormerRankKey);
            _trials.Update(trial);
            _summaries.Upsert(TrialDocuments.SummaryOf(trial));
        }

        var stored = new HashSet<BsonValue>(ids);
        foreach (BsonValue orphan in _summaries.Query().Select(IdOnly).ToEnumerable().Select(d => d[TrialDocuments.Id]).Where(id => !stored.Contains(id)).ToList())
        {
            _summaries.Delete(orphan);
        }
    }

    /// <summary>
    /// Every stored trial's summary from the summary pages; null when they cannot be trusted (not complete, or some
    /// trial was stored by a version that did not keep them) or cannot be read, and the trials' own summaries are read.
    /// </summary>
    private List<TrialResult>? PagedSummaries(bool withSettings = true) => EveryTrialKeyed() ? _pages.ReadAll(withSettings) : null;

    /// <summary>
    /// Builds the summary pages from the trials' summaries when they cannot be read whole (a store written before there
    /// were pages, or with a damaged page), in the transaction that opens the store to write. Not while some trial
    /// cannot be read: the pages would leave it out in silence, where a query that reads the trials names it.
    /// </summary>
    private void CompletePages()
    {
        if (!EveryTrialKeyed() || _pages.ReadAll() is not null)
        {
            return;
        }

        int unreadable = _unreadable.Count;
        List<TrialResult> trials = Find(sweep: null, status: null, includeCurves: false);
        if (_unreadable.Count == unreadable)
        {
            trials.Sort(InFinishingOrder);
            _pages.Rebuild(trials);
        }
    }

    /// <summary>The order listings show trials in: as they finished, then by id (ids are unique, so the order is total).</summary>
    private static int InFinishingOrder(TrialResult a, TrialResult b)
    {
        int byTime = a.FinishedAt.CompareTo(b.FinishedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.TrialId, b.TrialId);
    }

    private string? RegisteredMetric(string? sweep)
    {
        if (sweep is not null)
        {
            return _sweeps.FindById(sweep)?["metric"] is { IsNull: false } metric ? metric.AsString : null;
        }

        List<string?> metrics = _sweeps.FindAll().ToList()
            .Select(d => d["metric"].IsNull ? null : d["metric"].AsString)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return metrics.Count == 1 ? metrics[0] : null;
    }

    /// <summary>
    /// Runs <paramref name="body"/> in one LiteDB transaction on this thread. A write commits atomically; reads see one
    /// consistent snapshot of all collections, and in shared mode open the file (and take the mutex) once instead of
    /// once per query. Any exception rolls back; LiteDB and I/O failures come out as <see cref="TrialStoreException"/>
    /// naming the file.
    /// </summary>
    private T InTransaction<T>(Func<T> body) => Locked(() =>
    {
        _database.BeginTrans();
        try
        {
            T result = body();
            _database.Commit();
            return result;
        }
        catch
        {
            _database.Rollback();
            throw;
        }
    });

    /// <summary>
    /// Throws <see cref="TrialStoreException"/>, before anything is written, when the disk holding the store has less
    /// than <see cref="MinimumFreeBytes"/> free.
    /// </summary>
    public void RequireRoomToWrite()
    {
        if (StoreFile.FreeSpace(FilePath) is { } free && free < MinimumFreeBytes)
        {
            throw new TrialStoreException(
                $"the disk holding the sweep store {FilePath} is nearly full ({MemoryText(free)} free): Sweep stops writing below " +
                $"{MemoryText(MinimumFreeBytes)} so that a full disk never costs a stored result. Free some space; what is stored is kept");
        }
    }

    private static string MemoryText(long bytes) => bytes >= 1024 * 1024
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MB")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB");

    private void RequireWritable()
    {
        if (IsReadOnly)
        {
            throw new InvalidOperationException($"the store {FilePath} was opened read-only, for queries");
        }
    }

    private T Locked<T>(Func<T> body)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                return body();
            }
            catch (Exception exception) when (IsStorageFailure(exception))
            {
                throw Describe(FilePath, exception);
            }
        }
    }
}
