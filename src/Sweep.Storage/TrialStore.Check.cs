using LiteDB;
using Sweep.Domain;

namespace Sweep.Storage;

// sweep check: reading every document and index of a store, and saying what is damaged.
public sealed partial class TrialStore
{
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
}
