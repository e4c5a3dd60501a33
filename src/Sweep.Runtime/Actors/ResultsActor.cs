using Akka.Actor;
using Akka.Event;
using Sweep.Protocol.Messages.Commands;
using Sweep.Protocol.Messages.Events;
using Sweep.Storage;

namespace Sweep.Runtime.Actors;

/// <summary>
/// The only writer of the results store. Results that arrive together are committed in one batch (the mailbox
/// does the batching: a flush message queued behind them runs once they are all in), and each sender is acknowledged
/// only after the commit. The first final result of a trial wins: a later one (a resend, or a run that was requeued
/// after its node was lost and finished anyway) is acknowledged and dropped, so every trial is stored once.
/// </summary>
public sealed class ResultsActor : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly TrialStore _store;
    private readonly HashSet<string> _storedIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _loadedSweeps = new(StringComparer.Ordinal);
    private readonly List<(TrialResult Result, IActorRef Sender)> _pending = [];
    private IActorRef _listener = ActorRefs.Nobody;
    private bool _flushQueued;

    public ResultsActor(TrialStore store)
    {
        _store = store;

        Receive<FetchStoredTrials>(fetch =>
        {
            _listener = Sender;
            IReadOnlyList<TrialResult> stored = _store.Trials(fetch.Sweep, null);
            LoadStoredIds(fetch.Sweep);
            Sender.Tell(new StoredTrials(stored));
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

        var fresh = new List<TrialResult>();
        foreach (var (result, _) in _pending)
        {
            LoadStoredIds(result.Sweep);
            if (_storedIds.Add(result.TrialId))
            {
                fresh.Add(result);
            }
        }

        try
        {
            if (fresh.Count > 0)
            {
                _store.StoreBatch(fresh);
            }
        }
        catch (TrialStoreException exception)
        {
            // Nothing is acknowledged, so every sender resends and the batch is tried again.
            fresh.ForEach(r => _storedIds.Remove(r.TrialId));
            _pending.Clear();
            _log.Error(exception, "Could not store {0} trial results; they will be retried when resent", fresh.Count);
            return;
        }

        foreach (var (result, sender) in _pending)
        {
            sender.Tell(new TrialResultStored(result.TrialId));
        }

        _pending.Clear();
        if (fresh.Count > 0)
        {
            _listener.Tell(new TrialsStored(fresh));
        }
    }

    private void LoadStoredIds(string sweep)
    {
        if (_loadedSweeps.Add(sweep))
        {
            _storedIds.UnionWith(_store.StoredTrialIds(sweep));
        }
    }

    /// <summary>The coordinator asks for what is already stored of a sweep, and from then on hears of every new result.</summary>
    public sealed record FetchStoredTrials(string Sweep) : INoSerializationVerificationNeeded;

    public sealed record StoredTrials(IReadOnlyList<TrialResult> Trials) : INoSerializationVerificationNeeded;

    /// <summary>Results committed by the last batch, first-of-their-trial only.</summary>
    public sealed record TrialsStored(IReadOnlyList<TrialResult> Trials) : INoSerializationVerificationNeeded;

    private sealed record Flush : INoSerializationVerificationNeeded
    {
        public static Flush Instance { get; } = new();
    }
}
