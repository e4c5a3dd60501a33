using Akka.Actor;
using Akka.Event;
using Sweep.Config;
using Sweep.Protocol.Messages.Commands;
using Sweep.Protocol.Messages.Events;
using Sweep.Protocol.Messages.Queries;
using Sweep.Runtime.Scheduling;
using Sweep.Storage;
using Sweep.Domain;

namespace Sweep.Runtime.Actors;

/// <summary>
/// Runs one sweep: loads what the store already holds, hands the rest to workers that ask for work, watches the
/// workers, and stores the failures of trials that ran out of attempts. The rules of who runs what live in
/// <see cref="SweepSchedule{TWorker}"/>; this actor turns messages into its calls and its answers into messages. It
/// is the cluster singleton on the coordinator role; the results actor beside it stores what the workers send.
/// </summary>
public sealed class CoordinatorActor : ReceiveActor, IWithStash, IWithTimers
{
    private static readonly TimeSpan FailureResendInterval = TimeSpan.FromSeconds(2);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SweepPlan _plan;
    private readonly IActorRef _results;
    private readonly SweepSchedule<IActorRef> _schedule;
    private readonly Dictionary<string, StoreTrialResult> _unacknowledgedFailures = new(StringComparer.Ordinal);
    private DatasetPayload? _payload;
    private string? _halted;

    public CoordinatorActor(SweepPlan plan, IActorRef results, TimeProvider time)
    {
        _plan = plan;
        _results = results;
        _schedule = new SweepSchedule<IActorRef>(plan, time);
        Become(Loading);
    }

    public IStash Stash { get; set; } = null!;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(SweepPlan plan, IActorRef results) =>
        Akka.Actor.Props.Create(() => new CoordinatorActor(plan, results, TimeProvider.System));

    protected override void PreStart() => _results.Tell(new ResultsActor.FetchStoredTrials(_plan.Name));

    private void Loading()
    {
        Receive<ResultsActor.StoredTrials>(stored =>
        {
            _schedule.Load(stored.Trials, stored.UnreadableIds);
            foreach (string unreadable in stored.UnreadableIds.Where(_schedule.Contains))
            {
                _log.Warning("Stored trial {0} cannot be read; it counts as done and is left out of the results (sweep check lists it)", unreadable);
            }

            _log.Info("Sweep {0}: {1} trials, {2} already stored, {3} to run", _plan.Name, _schedule.Total, _schedule.Resumed, _schedule.Total - _schedule.Resumed);
            Become(Active);
            Stash.UnstashAll();
        });
        ReceiveAny(_ => Stash.Stash());
    }

    private void Active()
    {
        Receive<RegisterWorker>(register =>
        {
            var (isNew, forgotten, failures) = _schedule.Register(Sender, register.Node, register.Slots, register.Trials);
            if (isNew)
            {
                Context.Watch(Sender);
                _log.Info("Worker {0} joined with {1} slots", register.Node, register.Slots);
            }

            if (forgotten.Count > 0)
            {
                _log.Warning("Worker {0} no longer holds {1} trials it was given; they go back to the queue", register.Node, forgotten.Count);
            }

            StoreFailures(failures);
            if (_schedule.IsFinished)
            {
                Sender.Tell(new SweepCompleted(_plan.Name));
            }
        });

        Receive<RequestWork>(request =>
        {
            if (_schedule.IsFinished)
            {
                Sender.Tell(new SweepCompleted(_plan.Name));
                return;
            }

            Hand(Sender, _schedule.Assign(Sender, request.FreeSlots));
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
            // The sender is the worker or one of its trial actors; the result is on its way to the store on this node,
            // so the trial no longer occupies its worker's slot.
            foreach (IActorRef worker in _schedule.Workers.Where(w => w.Equals(Sender) || w.Path.Equals(Sender.Path.Parent)).ToList())
            {
                _schedule.Delivered(worker, result.Result.TrialId);
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
                foreach (var (worker, assignments) in _schedule.Finish(trial))
                {
                    Hand(worker, assignments);
                }
            }

            if (_schedule.IsFinished)
            {
                _log.Info("Sweep {0} finished", _plan.Name);
                foreach (IActorRef worker in _schedule.Workers)
                {
                    worker.Tell(new SweepCompleted(_plan.Name));
                }
            }
        });

        Receive<Terminated>(terminated =>
        {
            if (_schedule.WorkerLost(terminated.ActorRef) is not { } loss)
            {
                return;
            }

            _log.Warning("Worker {0} is gone; its {1} unfinished trials go back to the queue", loss.Node, loss.Lost.Count);
            StoreFailures(loss.Failures);
            foreach (var (worker, assignments) in loss.Assignments)
            {
                Hand(worker, assignments);
            }
        });
        Receive<ResultsActor.StoreFailing>(failing =>
        {
            _halted = $"the results cannot be written to the store: {failing.Problem}";
            _log.Error("Sweep {0} cannot go on: {1}", _plan.Name, _halted);
        });
        Receive<FetchSweepStatus>(_ => Sender.Tell(_schedule.Status() with { Halted = _halted }));
    }

    private void Hand(IActorRef worker, IReadOnlyList<Assignment> assignments)
    {
        foreach (Assignment assignment in assignments)
        {
            worker.Tell(_plan.Assign(assignment.Trial, assignment.Attempt));
        }
    }

    /// <summary>Trials out of attempts are stored as failed, resent until the store acknowledges them.</summary>
    private void StoreFailures(IReadOnlyList<TrialResult> failures)
    {
        foreach (TrialResult failure in failures)
        {
            var store = new StoreTrialResult(failure);
            _unacknowledgedFailures[failure.TrialId] = store;
            _results.Tell(store);
        }

        if (failures.Count > 0)
        {
            Timers.StartPeriodicTimer("resend-failures", ResendFailures.Instance, FailureResendInterval);
        }
    }

    private sealed record ResendFailures : INoSerializationVerificationNeeded
    {
        public static ResendFailures Instance { get; } = new();
    }
}
