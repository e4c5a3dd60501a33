using LiteDB;
using Sweep.Domain;

namespace Sweep.Storage;

// The sweeps a store holds: registering one (and deciding whether a run may resume it), and reading them back.
public sealed partial class TrialStore
{
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
}
