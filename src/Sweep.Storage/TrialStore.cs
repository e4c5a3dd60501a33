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
/// a document. The summaries are also kept 64 to a document in the summary pages (<see cref="SummaryPages"/>), which
/// listings and rankings read first. A trial without a ranking key was stored by a version before them, which wrote no
/// summary or page either (or replaced one it did not know of); while the store has such a trial, queries read the
/// trials themselves, which gives the same answers more slowly, and the next <see cref="Open"/> to write gives every
/// trial its key and summary and builds the pages again. A query never writes them: it may be reading a store that a
/// sweep in another process is writing. The parts of the class: opening and transactions here, the sweeps
/// (<c>TrialStore.Sweeps.cs</c>), the trials (<c>TrialStore.Trials.cs</c>) and the check (<c>TrialStore.Check.cs</c>).
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
public sealed partial class TrialStore : IDisposable
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
