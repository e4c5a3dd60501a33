using Akka.Actor;
using Akka.Event;
using Sweep.Config;
using Sweep.Protocol.Messages.Commands;
using Sweep.Protocol.Messages.Events;
using Sweep.Protocol.Messages.Queries;
using Sweep.Storage;

namespace Sweep.Runtime.Actors;

/// <summary>
/// Runs one sweep: skips the trials the store already holds, hands the rest to workers that ask for work (never
/// more than a worker's free slots), watches the workers and requeues the trials of one that terminates, and marks a
/// trial failed once it has been started <see cref="SweepPlan.MaxAttempts"/> times without a result. It is the
/// cluster singleton on the coordinator role; the results actor beside it stores what the workers send.
/// </summary>
public sealed class CoordinatorActor : ReceiveActor, IWithStash, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SweepPlan _plan;
    private readonly IActorRef _results;
    private readonly Dictionary<string, TrialPlan> _trialsById;
    private readonly LinkedList<string> _queue = new();
    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _finished = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, WorkerState> _workers = [];
    private readonly Dictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IActorRef> _delivered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoreTrialResult> _unacknowledgedFailures = new(StringComparer.Ordinal);
    private DatasetPayload? _payload;
    private int _resumed;
    private TrialResult? _best;

    public CoordinatorActor(SweepPlan plan, IActorRef results)
    {
        _plan = plan;
        _results = results;
        _trialsById = plan.Trials.ToDictionary(t => t.TrialId, StringComparer.Ordinal);
        Become(Loading);
    }

    public IStash Stash { get; set; } = null!;

    public ITimerScheduler Timers { get; set; } = null!;

    private bool IsFinished => _finished.Count == _trialsById.Count;

    public static Props Props(SweepPlan plan, IActorRef results) =>
        Akka.Actor.Props.Create(() => new CoordinatorActor(plan, results));

    protected override void PreStart() => _results.Tell(new ResultsActor.FetchStoredTrials(_plan.Name));

    private void Loading()
    {
        Receive<ResultsActor.StoredTrials>(stored =>
        {
            foreach (TrialResult trial in stored.Trials.Where(t => _trialsById.ContainsKey(t.TrialId)))
            {
                _finished.Add(trial.TrialId);
                ConsiderBest(trial);
            }

            foreach (string unreadable in stored.UnreadableIds.Where(_trialsById.ContainsKey))
            {
                _finished.Add(unreadable);
                _log.Warning("Stored trial {0} cannot be read; it counts as done and is left out of the results (sweep check lists it)", unreadable);
            }

            _resumed = _finished.Count;
            foreach (TrialPlan trial in _plan.Trials.Where(t => !_finished.Contains(t.TrialId)))
            {
                _queue.AddLast(trial.TrialId);
            }

            _log.Info("Sweep {0}: {1} trials, {2} already stored, {3} to run", _plan.Name, _trialsById.Count, _resumed, _queue.Count);
            Become(Active);
            Stash.UnstashAll();
        });
        ReceiveAny(_ => Stash.Stash());
    }

    private void Active()
    {
        Receive<RegisterWorker>(register =>
        {
            if (!_workers.TryGetValue(Sender, out WorkerState? worker))
            {
                Context.Watch(Sender);
                worker = _workers[Sender] = new WorkerState(register.Node, register.Slots);
                _log.Info("Worker {0} joined with {1} slots", register.Node, register.Slots);
            }

            Reconcile(worker, register.Trials);
            if (IsFinished)
            {
                Sender.Tell(new SweepCompleted(_plan.Name));
            }
        });

        Receive<RequestWork>(request =>
        {
            if (IsFinished)
            {
                Sender.Tell(new SweepCompleted(_plan.Name));
                return;
            }

            if (_workers.TryGetValue(Sender, out WorkerState? worker))
            {
                Assign(Sender, worker, request.FreeSlots);
            }
        });

        Receive<FetchDataset>(fetch =>
        {
            if (fetch.DatasetKey == _plan.DatasetKey)
            {
                _payload ??= DatasetPayload.From(_plan.Data);
                Sender.Tell(new FetchDatasetResponse(fetch.DatasetKey, _payload));
            }
            else
            {
                _log.Warning("A worker asked for data set {0}, which is not this sweep's", fetch.DatasetKey);
            }
        });

        Receive<StoreTrialResult>(result =>
        {
            // The trial no longer occupies its worker's slot (the sender is the worker or one of its trial actors): the
            // result is on its way to the store on this node and is stored even if the worker goes away now, so only
            // trials still training are requeued when one does.
            foreach (var (workerRef, worker) in _workers)
            {
                if ((workerRef.Equals(Sender) || workerRef.Path.Equals(Sender.Path.Parent)) && worker.Trials.Remove(result.Result.TrialId))
                {
                    _delivered[result.Result.TrialId] = workerRef;
                }
            }

            _results.Forward(result);
        });
        Receive<TrialResultStored>(stored => _unacknowledgedFailures.Remove(stored.TrialId));
        Receive<ResendFailures>(_ =>
        {
            foreach (StoreTrialResult failure in _unacknowledgedFailures.Values)
            {
                _results.Tell(failure);
            }
        });
        Receive<ResultsActor.TrialsStored>(stored =>
        {
            foreach (TrialResult trial in stored.Trials)
            {
                Finish(trial);
            }

            if (IsFinished)
            {
                _log.Info("Sweep {0} finished", _plan.Name);
                foreach (IActorRef worker in _workers.Keys)
                {
                    worker.Tell(new SweepCompleted(_plan.Name));
                }
            }
        });

        Receive<Terminated>(terminated => WorkerLost(terminated.ActorRef));
        Receive<FetchSweepStatus>(_ => Sender.Tell(Status()));
    }

    private void Assign(IActorRef workerRef, WorkerState worker, int freeSlots)
    {
        int count = Math.Min(freeSlots, worker.Slots - worker.Trials.Count);
        for (int i = 0; i < count && _queue.First is not null; i++)
        {
            string trialId = _queue.First.Value;
            _queue.RemoveFirst();
            int attempt = _attempts[trialId] = _attempts.GetValueOrDefault(trialId) + 1;
            worker.Trials[trialId] = DateTime.UtcNow;
            TrialPlan trial = _trialsById[trialId];
            workerRef.Tell(new AssignTrial(trialId, _plan.Name, _plan.FileHash, _plan.DatasetKey, attempt, trial.Parameters, trial.Definition));
        }
    }

    private void Finish(TrialResult trial)
    {
        if (!_trialsById.ContainsKey(trial.TrialId) || !_finished.Add(trial.TrialId))
        {
            return;
        }

        _delivered.Remove(trial.TrialId);
        _queue.Remove(trial.TrialId);
        _outcomes[trial.Status] = _outcomes.GetValueOrDefault(trial.Status) + 1;
        ConsiderBest(trial);
    }

    private void WorkerLost(IActorRef workerRef)
    {
        if (!_workers.Remove(workerRef, out WorkerState? worker))
        {
            return;
        }

        // A result the worker delivered but the store has not confirmed is requeued too: if its commit failed, the
        // worker is no longer there to resend it. Should it be stored after all, the first stored result wins.
        var lost = worker.Trials.Keys.ToList();
        lost.AddRange(_delivered.Where(d => d.Value.Equals(workerRef)).Select(d => d.Key));
        lost.ForEach(id => _delivered.Remove(id));
        _log.Warning("Worker {0} is gone; its {1} unfinished trials go back to the queue", worker.Node, lost.Count);
        foreach (string trialId in lost)
        {
            Requeue(trialId, worker.Node);
        }

        foreach (var (otherRef, other) in _workers)
        {
            Assign(otherRef, other, other.Slots - other.Trials.Count);
        }
    }

    /// <summary>
    /// Brings the coordinator's view of a worker in line with the trials the worker says it holds. A trial handed out
    /// more than <see cref="SweepPlan.AssignmentGrace"/> ago that the worker does not hold was lost on the worker (a
    /// trial actor that stopped, a worker actor that restarted): it would otherwise occupy the slot for ever. A trial
    /// the worker holds that is still queued here (a coordinator that started while the worker trained) is left with
    /// the worker rather than run twice.
    /// </summary>
    private void Reconcile(WorkerState worker, IReadOnlyList<string> held)
    {
        var holds = held.ToHashSet(StringComparer.Ordinal);
        DateTime settled = DateTime.UtcNow - _plan.AssignmentGrace;
        var forgotten = worker.Trials.Where(t => !holds.Contains(t.Key) && t.Value < settled).Select(t => t.Key).ToList();
        if (forgotten.Count > 0)
        {
            _log.Warning("Worker {0} no longer holds {1} trials it was given; they go back to the queue", worker.Node, forgotten.Count);
        }

        foreach (string trialId in forgotten)
        {
            worker.Trials.Remove(trialId);
            Requeue(trialId, worker.Node);
        }

        foreach (string trialId in holds)
        {
            if (!worker.Trials.ContainsKey(trialId) && _queue.Remove(trialId))
            {
                worker.Trials[trialId] = DateTime.UtcNow;
                _attempts[trialId] = _attempts.GetValueOrDefault(trialId) + 1;
            }
        }
    }

    /// <summary>Puts a trial whose worker lost it back at the front of the queue, or stores it as failed once it has used its attempts.</summary>
    private void Requeue(string trialId, string node)
    {
        if (_finished.Contains(trialId))
        {
            return;
        }

        if (_attempts.GetValueOrDefault(trialId) >= _plan.MaxAttempts)
        {
            var failure = new StoreTrialResult(TrialResults.Failed(
                _plan, _trialsById[trialId], _attempts[trialId], node,
                $"the trial was started {_attempts[trialId]} times and each time its worker was lost before it finished"));
            _unacknowledgedFailures[trialId] = failure;
            _results.Tell(failure);
            Timers.StartPeriodicTimer("resend-failures", ResendFailures.Instance, TimeSpan.FromSeconds(2));
        }
        else
        {
            _queue.AddFirst(trialId);
        }
    }

    private void ConsiderBest(TrialResult trial)
    {
        double? value = TrialMetrics.ValueOf(trial, _plan.Metric);
        if (trial.Status != TrialResultStatus.Completed || value is null)
        {
            return;
        }

        double? best = _best is null ? null : TrialMetrics.ValueOf(_best, _plan.Metric);
        if (best is null || (_plan.HigherIsBetter ? value > best : value < best))
        {
            _best = trial;
        }
    }

    private FetchSweepStatusResponse Status() => new(
        _plan.Name,
        _trialsById.Count,
        _resumed,
        _outcomes.GetValueOrDefault(TrialResultStatus.Completed),
        _outcomes.GetValueOrDefault(TrialResultStatus.GradcheckFailed),
        _outcomes.GetValueOrDefault(TrialResultStatus.Diverged),
        _outcomes.GetValueOrDefault(TrialResultStatus.Failed),
        _workers.Values.Sum(w => w.Trials.Count),
        _queue.Count,
        _best?.TrialId,
        _best is null ? null : TrialMetrics.ValueOf(_best, _plan.Metric),
        _workers.Values.Select(w => new WorkerStatus(w.Node, w.Slots, w.Trials.Count)).OrderBy(w => w.Node, StringComparer.Ordinal).ToList(),
        IsFinished);

    private sealed class WorkerState(string node, int slots)
    {
        public string Node { get; } = node;

        public int Slots { get; } = slots;

        /// <summary>The trials handed to the worker and not yet delivered, with when each was handed out.</summary>
        public Dictionary<string, DateTime> Trials { get; } = new(StringComparer.Ordinal);
    }

    private sealed record ResendFailures : INoSerializationVerificationNeeded
    {
        public static ResendFailures Instance { get; } = new();
    }
}
