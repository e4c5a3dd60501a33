using Akka.Actor;
using Akka.Event;
using Sweep.Protocol.Messages.Commands;
using Sweep.Protocol.Messages.Events;
using Sweep.Storage;
using Sweep.Domain;

namespace Sweep.Runtime.Actors;

/// <summary>
/// The only writer of the results store. Results that arrive together are committed in one batch (the mailbox
/// does the batching: a flush message queued behind them runs once they are all in), and each sender is acknowledged
/// only after the commit. The first final result of a trial wins: a later one (a resend, or a run that was requeued
/// after its node was lost and finished anyway) is acknowledged and dropped, so every trial is stored once.
/// </summary>
public sealed class ResultsActor : ReceiveActor
{
    /// <summary>
    /// Batches that fail to commit in a row before the coordinator is told the store cannot be written (a full disk,
    /// a file taken away): results stay unacknowledged, so nothing is lost, but waiting longer would not help.
    /// </summary>
    public const int FailuresBeforeHalt = 3;

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly TrialStore _store;
    private readonly HashSet<string> _storedIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _loadedSweeps = new(StringComparer.Ordinal);
    private readonly List<(TrialResult Result, IActorRef Sender)> _pending = [];
    private IActorRef _listener = ActorRefs.Nobody;
    private bool _flushQueued;
    private int _failuresInARow;
    private string? _firstFailure;

    public ResultsActor(TrialStore store)
    {
        _store = store;

        Receive<FetchStoredTrials>(fetch =>
        {
            _listener = Sender;
            // The coordinator ranks what is stored and replays it into the search: it never reads the curves.
            IReadOnlyList<TrialResult> stored = _store.Trials(fetch.Sweep, null, includeCurves: false);
            LoadStoredIds(fetch.Sweep);
            Sender.Tell(new StoredTrials(stored, [.. _store.UnreadableTrials.Select(u => u.TrialId)]));
        });

        Receive<StoreTrialResult>(store =>
        {
            _pending.Add((store.Result, Sender));
            if (!_flushQueued)
            {
                _flushQueued = true;
                Self.Tell(Flush.Instance);
            }
        });

        Receive<Flush>(_ => FlushPending());
    }

    public static Props Props(TrialStore store) => Akka.Actor.Props.Create(() => new ResultsActor(store));

    private void FlushPending()
    {
        _flushQueued = false;
        if (_pending.Count == 0)
        {
            return;
        }

        List<(TrialResult Result, IActorRef Sender)> batch = [.. _pending];
        _pending.Clear();
        try
        {
            var fresh = new List<TrialResult>();
            foreach (var (result, _) in batch)
            {
                LoadStoredIds(result.Sweep);
                if (!_storedIds.Contains(result.TrialId) && !fresh.Exists(r => r.TrialId == result.TrialId))
                {
                    fresh.Add(result);
                }
            }

            if (fresh.Count > 0)
            {
                _store.StoreBatch(fresh);
                _storedIds.UnionWith(fresh.Select(r => r.TrialId));
            }

            _failuresInARow = 0;
            _firstFailure = null;
            Acknowledge(batch, fresh);
        }
        catch (TrialStoreException exception)
        {
            // Nothing is acknowledged, so every sender resends and the batch is tried again. The first failure of a streak
            // is its cause (a full disk); what follows is often only its consequence, so it is logged once.
            _firstFailure ??= exception.Message;
            if (++_failuresInARow == 1)
            {
                _log.Error("Could not store {0} trial results ({1}); they will be retried when resent", batch.Count, exception.Message);
            }
            else if (_failuresInARow == FailuresBeforeHalt)
            {
                _listener.Tell(new StoreFailing(_firstFailure));
            }
        }
        catch (InvalidTrialResultException exception)
        {
            // A result the store refuses would be refused at every resend and hold back the results batched with it:
            // store the others one by one, and the refused one as a failed trial that says why.
            _log.Error("A batch of {0} trial results was refused ({1}); storing them one by one", batch.Count, exception.Message);
            var stored = new List<TrialResult>();
            foreach (var (result, _) in batch.Where(b => !_storedIds.Contains(b.Result.TrialId)))
            {
                TrialResult? kept = StoreAlone(result) ?? StoreAlone(Refused(result, exception));
                if (kept is not null)
                {
                    _storedIds.Add(kept.TrialId);
                    stored.Add(kept);
                }
            }

            Acknowledge(batch.Where(b => _storedIds.Contains(b.Result.TrialId)).ToList(), stored);
        }
    }

    private void Acknowledge(List<(TrialResult Result, IActorRef Sender)> delivered, List<TrialResult> fresh)
    {
        foreach (var (result, sender) in delivered)
        {
            sender.Tell(new TrialResultStored(result.TrialId));
        }

        if (fresh.Count > 0)
        {
            _listener.Tell(new TrialsStored(fresh));
        }
    }

    private TrialResult? StoreAlone(TrialResult result)
    {
        try
        {
            _store.StoreBatch([result]);
            return result;
        }
        catch (Exception exception) when (exception is ArgumentException or TrialStoreException)
        {
            _log.Error("Could not store trial {0}: {1}", result.TrialId, exception.Message);
            return null;
        }
    }

    private static TrialResult Refused(TrialResult result, InvalidTrialResultException exception) => new()
    {
        TrialId = result.TrialId,
        Sweep = result.Sweep,
        SweepFileHash = result.SweepFileHash,
        Status = TrialResultStatus.Failed,
        Message = $"the store refused the trial's result: {exception.Message}",
        Parameters = result.Parameters,
        Node = result.Node,
        Attempts = result.Attempts,
        StartedAt = result.StartedAt,
        FinishedAt = result.FinishedAt,
    };

    private void LoadStoredIds(string sweep)
    {
        if (_loadedSweeps.Add(sweep))
        {
            _storedIds.UnionWith(_store.StoredTrialIds(sweep));
        }
    }

    /// <summary>The coordinator asks for what is already stored of a sweep, and from then on hears of every new result.</summary>
    public sealed record FetchStoredTrials(string Sweep) : INoSerializationVerificationNeeded;

    /// <summary>
    /// The sweep's stored trials, and the ids of stored documents that cannot be read as trials: those are stored too
    /// (a result of theirs would be dropped as a duplicate), so the coordinator counts them done rather than waiting.
    /// </summary>
    public sealed record StoredTrials(IReadOnlyList<TrialResult> Trials, IReadOnlyList<string> UnreadableIds) : INoSerializationVerificationNeeded;

    /// <summary>The store refused <see cref="FailuresBeforeHalt"/> batches in a row; <paramref name="Problem"/> is the first refusal of them.</summary>
    public sealed record StoreFailing(string Problem) : INoSerializationVerificationNeeded;

    /// <summary>Results committed by the last batch, first-of-their-trial only.</summary>
    public sealed record TrialsStored(IReadOnlyList<TrialResult> Trials) : INoSerializationVerificationNeeded;

    private sealed record Flush : INoSerializationVerificationNeeded
    {
        public static Flush Instance { get; } = new();
    }
}
