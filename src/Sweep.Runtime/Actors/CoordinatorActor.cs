using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using Sweep.Protocol.Datasets;
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
    private readonly List<IActorRef> _awaitingEnd = [];
    private DatasetLayout? _layout;
    private IMaterializer? _materializer;
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
            var (isNew, forgotten, failures) = _schedule.Register(Sender, register.Node, register.Slots, register.Trials, register.Prefetch);
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

        Receive<FetchDataset>(fetch => Send(fetch.DatasetKey, Sender));
        Receive<TransferEnded>(ended =>
        {
            long all = DatasetChunks.CountFor(_layout!);
            if (ended.Failure is null && ended.Chunks == all)
            {
                _log.Info("Sent data set {0} to {1}: {2:N0} chunks, {3:N0} bytes on the wire, in {4:N1} s", Short(_plan.DatasetKey), ended.Worker, all, ended.Bytes, ended.Elapsed.TotalSeconds);
            }
            else
            {
                _log.Warning("Sending data set {0} to {1} stopped after {2:N0} of {3:N0} chunks: {4}; the worker asks again if it still needs it",
                    Short(_plan.DatasetKey), ended.Worker, ended.Chunks, all, ended.Failure ?? "the worker stopped reading");
            }
        });

        Receive<StoreTrialResult>(result =>
        {
            // The sender is the worker or one of its trial actors; the result is on its way to the store on this node,
            // so the trial no longer occupies its worker's slot, and the worker's next trials go back in reply (before
            // the result goes on to be stored, so they always reach the worker ahead of the acknowledgement).
            if (WorkerOf(Sender) is { } worker)
            {
                Hand(worker, _schedule.Delivered(worker, result.Result.TrialId, TimeSpan.FromMilliseconds(result.Result.DurationMs)));
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

                AnswerAwaitingEnd();
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
            AnswerAwaitingEnd();
        });
        Receive<FetchSweepStatus>(_ => Sender.Tell(Status()));
        Receive<AwaitSweepEnd>(_ =>
        {
            if (_schedule.IsFinished || _halted is not null)
            {
                Sender.Tell(Status());
            }
            else
            {
                _awaitingEnd.Add(Sender);
            }
        });
    }

    private FetchSweepStatusResponse Status() => _schedule.Status() with { Halted = _halted };

    private void AnswerAwaitingEnd()
    {
        FetchSweepStatusResponse status = Status();
        foreach (IActorRef waiting in _awaitingEnd)
        {
            waiting.Tell(status);
        }

        _awaitingEnd.Clear();
    }

    /// <summary>
    /// Streams the data set to <paramref name="worker"/> in chunks made from the arrays as the worker asks for them, so
    /// several transfers at once cost a few chunks each rather than a copy of the data each; reports how each ended.
    /// </summary>
    private void Send(string key, IActorRef worker)
    {
        Address from = worker.Path.Address;
        if (key != _plan.DatasetKey)
        {
            string reason = $"this coordinator runs sweep '{_plan.Name}', whose data set is {Short(_plan.DatasetKey)}, not {Short(key)}";
            _log.Warning("A worker at {0} asked for data set {1}: {2}", from, Short(key), reason);
            worker.Tell(new DatasetUnavailable(key, reason));
            return;
        }

        _layout ??= DatasetLayout.Of(_plan.Data);
        _materializer ??= Context.Materializer();
        DatasetLayout layout = _layout;
        long bytes = 0;
        long chunks = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (done, reference) = Source.From(DatasetChunks.Of(_plan.Data))
            .Select(chunk =>
            {
                Interlocked.Add(ref bytes, chunk.Length);
                Interlocked.Increment(ref chunks);
                return chunk;
            })
            .WatchTermination(Keep.Right)
            .ToMaterialized(StreamRefs.SourceRef<byte[]>(), Keep.Both)
            .Run(_materializer);
        reference.PipeTo(
            worker,
            success: chunksRef => new FetchDatasetResponse(key, layout, chunksRef),
            failure: exception => new DatasetUnavailable(key, $"the transfer could not start: {exception.Message}"));
        done.ContinueWith(
                ended => new TransferEnded(from.ToString(), Interlocked.Read(ref bytes), Interlocked.Read(ref chunks), clock.Elapsed,
                    ended.Exception is { } failure ? (failure.InnerException ?? failure).Message : null),
                TaskScheduler.Default)
            .PipeTo(Self);
    }

    /// <summary>The registered worker that is <paramref name="sender"/> or the parent of it (a trial actor), if any.</summary>
    private IActorRef? WorkerOf(IActorRef sender)
    {
        ActorPath? parent = sender.Path.Parent;
        foreach (IActorRef worker in _schedule.Workers)
        {
            if (worker.Equals(sender) || worker.Path.Equals(parent))
            {
                return worker;
            }
        }

        return null;
    }

    private static string Short(string key) => key.Length > 12 ? key[..12] : key;

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

    /// <summary>A data set transfer to <paramref name="Worker"/> ended: whole, or with <paramref name="Failure"/>'s words.</summary>
    private sealed record TransferEnded(string Worker, long Bytes, long Chunks, TimeSpan Elapsed, string? Failure) : INoSerializationVerificationNeeded;

    private sealed record ResendFailures : INoSerializationVerificationNeeded
    {
        public static ResendFailures Instance { get; } = new();
    }
}
