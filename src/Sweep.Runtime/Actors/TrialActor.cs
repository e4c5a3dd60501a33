using Akka.Actor;
using Akka.Event;
using Sweep.Protocol.Messages.Commands;
using Sweep.Protocol.Messages.Events;
using Sweep.Runtime.Hosting;
using Sweep.Storage;
using Sweep.Training.Data;
using Sweep.Training.Training;
using Sweep.Domain;

namespace Sweep.Runtime.Actors;

/// <summary>
/// One trial: gradient check, then training, on one of its worker's <see cref="TrainingThreads"/> (a slot), so that
/// the actor system (heartbeats included) stays responsive however long training takes; a trial created while every
/// slot is busy (the worker's prefetch) waits there for the first to free. When training ends it tells its worker that
/// the slot is free and delivers the result, resending every <see cref="ResendInterval"/> until the store acknowledges it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "An actor ends in PostStop, which calls its training off and disposes it.")]
public sealed class TrialActor : ReceiveActor, IWithTimers
{
    public static readonly TimeSpan ResendInterval = TimeSpan.FromSeconds(2);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly AssignTrial _assignment;
    private readonly IActorRef _coordinator;
    private readonly string _node;
    private readonly Training _training;
    private StoreTrialResult? _delivery;

    public TrialActor(AssignTrial assignment, Training training, IActorRef coordinator, string node)
    {
        _assignment = assignment;
        _training = training;
        _coordinator = coordinator;
        _node = node;

        Receive<TrainingEnded>(ended => Deliver(TrialResults.FromReport(assignment, ended.Report, node, StartedAt, FinishedAt)));
        Receive<Status.Failure>(failure =>
        {
            Exception cause = failure.Cause is AggregateException aggregate ? aggregate.InnerException ?? aggregate : failure.Cause;
            // One line: the stored result carries the message, and a trace in the console would bury the progress.
            _log.Error("Trial {0} failed: it threw {1}: {2}", assignment.TrialId, cause.GetType().Name, cause.Message);
            Deliver(TrialResults.Threw(assignment, cause, node, StartedAt, FinishedAt));
        });
        Receive<Resend>(_ => _coordinator.Tell(_delivery));
        Receive<TrialResultStored>(stored =>
        {
            if (stored.TrialId == _assignment.TrialId)
            {
                Context.Stop(Self);
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// The actor of a trial whose <paramref name="training"/> is queued (<see cref="Queue"/>); it owns the training
    /// from then on, and calls it off if it stops first.
    /// </summary>
    public static Props Props(AssignTrial assignment, Training training, IActorRef coordinator, string node) =>
        Akka.Actor.Props.Create(() => new TrialActor(assignment, training, coordinator, node));

    /// <summary>
    /// Queues the trial's training on <paramref name="slots"/>. The worker queues it before it creates the trial's
    /// actor, so that trials take up the slots in the order they were handed out.
    /// </summary>
    public static Training Queue(AssignTrial assignment, DatasetSplit data, TrainingThreads slots) => new(assignment, data, slots);

    private DateTimeOffset StartedAt => _training.StartedAt ?? DateTimeOffset.UtcNow;

    private DateTimeOffset FinishedAt => _training.FinishedAt ?? DateTimeOffset.UtcNow;

    protected override void PreStart() => _training.Report.PipeTo(Self, success: report => new TrainingEnded(report));

    protected override void PostStop() => _training.Dispose();

    private void Deliver(TrialResult? result)
    {
        if (result is null)
        {
            Context.Parent.Tell(new TrainingFinished(_assignment.TrialId, Delivered: false));
            Context.Stop(Self);
            return;
        }

        // The coordinator answers the result with the worker's next trials.
        _delivery = new StoreTrialResult(result);
        _coordinator.Tell(_delivery);
        Context.Parent.Tell(new TrainingFinished(_assignment.TrialId, Delivered: true));
        Timers.StartPeriodicTimer("resend", Resend.Instance, ResendInterval);
    }

    /// <summary>A trial's training, queued on a slot: the report to come, when a slot took it up, and how to call it off.</summary>
    public sealed class Training : IDisposable
    {
        private readonly CancellationTokenSource _cancellation = new();
        private long _startedAtTicks;
        private long _finishedAtTicks;

        internal Training(AssignTrial assignment, DatasetSplit data, TrainingThreads slots)
        {
            CancellationToken token = _cancellation.Token;
            Report = slots.Run(
                () =>
                {
                    Interlocked.Exchange(ref _startedAtTicks, DateTimeOffset.UtcNow.UtcTicks);
                    try
                    {
                        return TrialRunner.Run(assignment.Definition, data, cancellationToken: token);
                    }
                    finally
                    {
                        Interlocked.Exchange(ref _finishedAtTicks, DateTimeOffset.UtcNow.UtcTicks);
                    }
                },
                token);
        }

        public Task<TrialReport> Report { get; }

        /// <summary>When a slot took the training up; null while it waits.</summary>
        public DateTimeOffset? StartedAt => At(ref _startedAtTicks);

        /// <summary>When the training ended (its slot free for the next); null until then.</summary>
        public DateTimeOffset? FinishedAt => At(ref _finishedAtTicks);

        /// <summary>Calls the training off: it never starts if it still waits, and a running one stops at its next check.</summary>
        public void Dispose()
        {
            _cancellation.Cancel();
            _cancellation.Dispose();
        }

        private static DateTimeOffset? At(ref long ticks) => Interlocked.Read(ref ticks) is var read and not 0 ? new DateTimeOffset(read, TimeSpan.Zero) : null;
    }

    /// <summary>
    /// Told to the worker when training is over (the slot is free), before the result is acknowledged;
    /// <paramref name="Delivered"/> says whether a result went to the coordinator (which then sends the next trials).
    /// </summary>
    public sealed record TrainingFinished(string TrialId, bool Delivered) : INoSerializationVerificationNeeded;

    private sealed record TrainingEnded(TrialReport Report) : INoSerializationVerificationNeeded;

    private sealed record Resend : INoSerializationVerificationNeeded
    {
        public static Resend Instance { get; } = new();
    }
}
