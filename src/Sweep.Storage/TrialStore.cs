using LiteDB;

namespace Sweep.Storage;

/// <summary>
/// The results of every sweep in one LiteDB file: the sweeps (name, file hash, size, metric) and one document per
/// trial, upserted by trial id, with the trained models kept apart so that listings stay cheap.
/// <para>
/// Connection mode. <see cref="Open"/> and <see cref="OpenExisting"/> use LiteDB's shared mode by default, and every
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

    private readonly Lock _gate = new();
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<BsonDocument> _trials;
    private readonly ILiteCollection<BsonDocument> _models;
    private readonly ILiteCollection<BsonDocument> _sweeps;
    private bool _disposed;

    private TrialStore(string path, bool shared, LiteDatabase database)
    {
        FilePath = path;
        IsShared = shared;
        _database = database;
        _trials = database.GetCollection(TrialsCollection);
        _models = database.GetCollection(ModelsCollection);
        _sweeps = database.GetCollection(SweepsCollection);
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>Whether the file is opened in LiteDB's shared mode (see the class remarks).</summary>
    public bool IsShared { get; }

    /// <summary>
    /// Opens the store at <paramref name="path"/>, creating the file if it does not exist, and makes sure its indexes
    /// exist. Throws <see cref="TrialStoreException"/>, naming the file, when it cannot be used.
    /// </summary>
    public static TrialStore Open(string path, bool shared = true) => OpenCore(path, shared, createIfMissing: true);

    /// <summary>
    /// Opens an existing store for queries; a missing file throws <see cref="TrialStoreException"/> instead of being
    /// created (so a mistyped <c>--db</c> does not leave an empty database behind).
    /// </summary>
    public static TrialStore OpenExisting(string path, bool shared = true) => OpenCore(path, shared, createIfMissing: false);

    /// <summary>
    /// Registers a sweep before any of its trials run. A new name is registered; the same name from a file with the
    /// same hash resumes (the stored registration is kept); the same name from a different file is refused, and
    /// nothing is changed.
    /// </summary>
    public SweepRegistration RegisterSweep(string name, string fileHash, int trialCount, string? metric = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileHash);
        ArgumentOutOfRangeException.ThrowIfNegative(trialCount);
        if (metric is not null && !TrialMetrics.IsValid(metric))
        {
            throw TrialMetrics.Unknown(metric, nameof(metric));
        }

        return InTransaction(() =>
        {
            BsonDocument? existing = _sweeps.FindById(name);
            if (existing is null)
            {
                var created = new SweepInfo(name, fileHash, trialCount, metric, DateTimeOffset.UtcNow, 0);
                _sweeps.Insert(ToSweepDocument(created));
                return new SweepRegistration(SweepRegistrationOutcome.New, created, $"new sweep '{name}': {trialCount} trials");
            }

            SweepInfo stored = FromSweepDocument(existing, CountStored(name));
            if (!string.Equals(stored.FileHash, fileHash, StringComparison.Ordinal))
            {
                return new SweepRegistration(
                    SweepRegistrationOutcome.Refused,
                    stored,
                    $"the store {FilePath} already has a sweep named '{name}' from a different sweep file " +
                    $"(stored file hash {Prefix(stored.FileHash)}, this file {Prefix(fileHash)}), so it cannot be resumed. " +
                    $"Rename the sweep (the 'name' key of the sweep file) to keep both, or use another store (--db <file>).");
            }

            return new SweepRegistration(
                SweepRegistrationOutcome.Resumed,
                stored,
                $"resuming sweep '{name}': {stored.StoredTrials} of {stored.TrialCount} trials already stored, {Math.Max(0, stored.TrialCount - stored.StoredTrials)} to run");
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
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0)
        {
            return;
        }

        InTransaction(() =>
        {
            foreach (TrialResult result in results)
            {
                // Mapped inside the transaction: an invalid result rolls back the ones upserted before it.
                _trials.Upsert(TrialDocuments.ToDocument(result));
                if (result.ModelJson is null)
                {
                    _models.Delete(result.TrialId);
                }
                else
                {
                    _models.Upsert(TrialDocuments.ToModelDocument(result));
                }
            }

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
    /// the best value of <paramref name="metric"/> (one of <see cref="TrialMetrics.All"/>). Ties go to the lower test
    /// cost, then to the smaller trial id (ordinal), so the order never depends on storage order. Trials without a
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
    /// Models are included only when asked for.
    /// </summary>
    public IReadOnlyList<TrialResult> Trials(string? sweep = null, string? status = null, bool includeModels = false)
    {
        if (status is not null)
        {
            TrialResultStatus.Require(status, nameof(status));
        }

        return InTransaction(() =>
        {
            List<TrialResult> trials = Find(sweep, status)
                .OrderBy(t => t.FinishedAt)
                .ThenBy(t => t.TrialId, StringComparer.Ordinal)
                .ToList();
            return includeModels ? WithModels(trials) : trials;
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

            return document is null ? null : TrialDocuments.FromDocument(document, ModelOf(document));
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

    /// <summary>The registered sweeps, oldest first, each with how many of its trials are stored.</summary>
    public IReadOnlyList<SweepInfo> Sweeps() => InTransaction(() => _sweeps.FindAll()
        .ToList()
        .Select(d => FromSweepDocument(d, CountStored(d[TrialDocuments.Id].AsString)))
        .OrderBy(s => s.CreatedAt)
        .ThenBy(s => s.Name, StringComparer.Ordinal)
        .ToList());

    /// <summary>Copies everything committed into the data file (shared mode already does so after every call).</summary>
    public void Checkpoint() => Locked(() =>
    {
        _database.Checkpoint();
        return true;
    });

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _database.Dispose();
        }
    }

    private static TrialStore OpenCore(string path, bool shared, bool createIfMissing)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string fullPath = Path.GetFullPath(path);
        if (!createIfMissing && !File.Exists(fullPath))
        {
            throw new TrialStoreException($"no sweep store at {fullPath}: the file does not exist (run a sweep first, or pass the right --db)");
        }

        if (Directory.Exists(fullPath))
        {
            throw new TrialStoreException($"cannot open the sweep store {fullPath}: it is a directory, not a file");
        }

        string? directory = Path.GetDirectoryName(fullPath);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new TrialStoreException($"cannot create the sweep store {fullPath}: the directory {directory} does not exist");
        }

        // LiteDB reads fields of the header page before it checks the page's signature, so a file of another kind
        // fails inside it with whatever exception its bytes happen to cause: check the signature first.
        if (File.Exists(fullPath))
        {
            RequireLiteDbHeader(fullPath);
        }

        var connection = new ConnectionString
        {
            Filename = fullPath,
            Connection = shared ? ConnectionType.Shared : ConnectionType.Direct,
            Upgrade = false,
        };

        LiteDatabase? database = null;
        try
        {
            database = new LiteDatabase(connection);
            var store = new TrialStore(fullPath, shared, database);

            // The first real access opens the file (in shared mode nothing happens before), so a file that is not a
            // LiteDB database or is locked fails here, with its name, rather than at some later call.
            store.InTransaction(() =>
            {
                if (createIfMissing)
                {
                    store._trials.EnsureIndex(TrialDocuments.Sweep);
                    store._trials.EnsureIndex(TrialDocuments.Status);
                    store._models.EnsureIndex(TrialDocuments.Sweep);
                }
                else
                {
                    _ = store._sweeps.Count();
                }

                return true;
            });
            return store;
        }
        catch (TrialStoreException)
        {
            database?.Dispose();
            throw;
        }
        catch (Exception exception)
        {
            // Whatever fails while opening (a damaged file can make LiteDB throw anything) is a store that cannot be
            // used, and the user needs the file's name.
            database?.Dispose();
            throw Describe(fullPath, exception);
        }
    }

    /// <summary>
    /// A LiteDB 5 file starts with an 8 KiB header page holding <c>** This is a LiteDB file **</c> at byte 32 and the
    /// file format version (8) at byte 59. An empty file is fine: LiteDB initializes it.
    /// </summary>
    private static void RequireLiteDbHeader(string path)
    {
        const int SignatureOffset = 32;
        const int VersionOffset = 59;
        const byte FileVersion = 8;
        const string Signature = "** This is a LiteDB file **";
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length == 0)
            {
                return;
            }

            var header = new byte[VersionOffset + 1];
            int read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            string signature = read == header.Length ? System.Text.Encoding.ASCII.GetString(header, SignatureOffset, Signature.Length) : "";
            if (signature != Signature)
            {
                throw new TrialStoreException($"{path} is not a LiteDB database (its first bytes lack the LiteDB signature): pass the sweep store's file, or a new file name");
            }

            if (header[VersionOffset] != FileVersion)
            {
                throw new TrialStoreException($"{path} is a LiteDB database of file format {header[VersionOffset]}, not {FileVersion} (LiteDB 5): this version cannot open it");
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw Describe(path, exception);
        }
    }

    private static bool IsStorageFailure(Exception exception) =>
        exception is LiteException or IOException or UnauthorizedAccessException or FormatException;

    private static TrialStoreException Describe(string path, Exception exception) => exception switch
    {
        LiteException { ErrorCode: LiteException.INVALID_DATABASE or LiteException.INVALID_DATAFILE_STATE or LiteException.NOT_ENCRYPTED or LiteException.INVALID_PASSWORD } =>
            new TrialStoreException($"{path} is not a LiteDB database (or is damaged): {exception.Message}", exception),
        LiteException { ErrorCode: LiteException.LOCK_TIMEOUT } =>
            new TrialStoreException($"the sweep store {path} is locked: another process kept it busy for too long ({exception.Message})", exception),
        IOException =>
            new TrialStoreException(
                $"the sweep store {path} is locked or unreadable: {exception.Message}. Another program may hold it open; " +
                "every process must open it in shared mode", exception),
        UnauthorizedAccessException =>
            new TrialStoreException($"no permission to open the sweep store {path}: {exception.Message}", exception),
        FormatException =>
            new TrialStoreException($"the sweep store {path} holds data this version cannot read: {exception.Message}", exception),
        _ => new TrialStoreException($"the sweep store {path} cannot be used: {exception.Message}", exception),
    };

    private static string Prefix(string hash) => hash.Length <= HashPrefixLength ? hash : hash[..HashPrefixLength];

    private static BsonDocument ToSweepDocument(SweepInfo sweep) => new()
    {
        [TrialDocuments.Id] = sweep.Name,
        ["file_hash"] = sweep.FileHash,
        ["trial_count"] = sweep.TrialCount,
        ["metric"] = sweep.Metric is null ? BsonValue.Null : new BsonValue(sweep.Metric),
        ["created_at"] = sweep.CreatedAt.UtcTicks,
    };

    private static SweepInfo FromSweepDocument(BsonDocument document, int storedTrials) => new(
        document[TrialDocuments.Id].AsString,
        document["file_hash"].AsString,
        document["trial_count"].AsInt32,
        document["metric"].IsNull ? null : document["metric"].AsString,
        new DateTimeOffset(document["created_at"].AsInt64, TimeSpan.Zero),
        storedTrials);

    /// <summary>
    /// The <paramref name="top"/> best completed trials. The ranking reads only each trial's id, metric and test cost
    /// (LiteDB skips the other fields of a document, curves included); only the trials it returns are read whole.
    /// </summary>
    private List<TrialResult> Rank(string? sweep, string metric, bool higherIsBetter, int top)
    {
        BsonExpression completed = Query.EQ(TrialDocuments.Status, TrialResultStatus.Completed);
        BsonExpression filter = sweep is null ? completed : Query.And(Query.EQ(TrialDocuments.Sweep, sweep), completed);

        // The metric is one of TrialMetrics.All (checked by the callers), which are also the documents' field names.
        BsonExpression projection = BsonExpression.Create($"{{ id: $._id, value: $.{metric}, cost: $.test_cost }}");
        IEnumerable<(string Id, double Value, double Cost)> scored = _trials.Query()
            .Where(filter)
            .Select(projection)
            .ToList()
            .Select(d => (Id: d["id"].AsString, Value: d["value"].IsNumber ? d["value"].AsDouble : double.NaN, Cost: d["cost"].IsNumber ? d["cost"].AsDouble : double.NaN))
            .Where(s => double.IsFinite(s.Value));
        IOrderedEnumerable<(string Id, double Value, double Cost)> ordered = higherIsBetter
            ? scored.OrderByDescending(s => s.Value)
            : scored.OrderBy(s => s.Value);
        return ordered
            .ThenBy(s => double.IsNaN(s.Cost) ? double.PositiveInfinity : s.Cost)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .Take(top)
            .Select(s => TrialDocuments.FromDocument(_trials.FindById(s.Id), modelJson: null))
            .ToList();
    }

    private List<TrialResult> Find(string? sweep, string? status)
    {
        BsonExpression? filter = (sweep, status) switch
        {
            (null, null) => null,
            (not null, null) => Query.EQ(TrialDocuments.Sweep, sweep),
            (null, not null) => Query.EQ(TrialDocuments.Status, status),
            _ => Query.And(Query.EQ(TrialDocuments.Sweep, sweep), Query.EQ(TrialDocuments.Status, status)),
        };
        IEnumerable<BsonDocument> documents = filter is null ? _trials.FindAll() : _trials.Find(filter);
        return documents.ToList().Select(d => TrialDocuments.FromDocument(d, modelJson: null)).ToList();
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

    private string? ModelOf(BsonDocument trial) =>
        TrialDocuments.HasModel(trial) ? _models.FindById(trial[TrialDocuments.Id])?[TrialDocuments.Json].AsString : null;

    private int CountStored(string sweep) => _trials.Count(Query.EQ(TrialDocuments.Sweep, sweep));

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
