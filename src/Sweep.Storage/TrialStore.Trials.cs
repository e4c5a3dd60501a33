using LiteDB;
using Sweep.Domain;

namespace Sweep.Storage;

// The trials: storing results with their summaries and pages, and every query that reads them.
public sealed partial class TrialStore
{
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
    /// id, sweep, status, configuration id, seed and metrics, everything else left at its default (or, read from the
    /// summary pages, the whole summary, whose settings are read when looked up). Read from the summaries,
    /// deserializing nothing else, so that ranking 20,000 trials reads a few megabytes. The trials to show
    /// are then read by <see cref="TrialsById"/>.
    /// </summary>
    public IReadOnlyList<TrialResult> TrialsToRank(string? sweep) => InTransaction(() =>
    {
        if (PagedSummaries() is { } summaries)
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
    private List<TrialResult>? PagedSummaries() => EveryTrialKeyed() ? _pages.ReadAll() : null;

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
}
