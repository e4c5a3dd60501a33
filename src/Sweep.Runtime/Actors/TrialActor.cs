using Akka.Actor;
using Akka.Event;
using Sweep.Protocol.Messages.Commands;
using Sweep.Protocol.Messages.Events;
using Sweep.Storage;
using Sweep.Training.Data;
using Sweep.Training.Training;
using Sweep.Domain;

namespace Sweep.Runtime.Actors;

/// <summary>
/// One trial: gradient check, then training, on a thread of its own so that the actor system (heartbeats included)
/// stays responsive however long training takes. When training ends it tells its worker that the slot is free and
/// delivers the result, resending every <see cref="ResendInterval"/> until the store acknowledges it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "An actor ends in PostStop, which disposes the token source.")]
public sealed class TrialActor : ReceiveActor, IWithTimers
{
    public static readonly TimeSpan ResendInterval = TimeSpan.FromSeconds(2);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly AssignTrial _assignment;
    private readonly DatasetSplit _data;
    private readonly IActorRef _coordinator;
    private readonly string _node;
    private readonly CancellationTokenSource _cancellation = new();
    private DateTimeOffset _startedAt;
    private StoreTrialResult? _delivery;

    public TrialActor(AssignTrial assignment, DatasetSplit data, IActorRef coordinator, string node)
    {
        _assignment = assignment;
        _data = data;
        _coordinator = coordinator;
        _node = node;

        Receive<TrainingEnded>(ended => Deliver(TrialResults.FromReport(assignment, ended.Report, node, _startedAt, DateTimeOffset.UtcNow)));
        Receive<Status.Failure>(failure =>
        {
            Exception cause = failure.Cause is AggregateException aggregate ? aggregate.InnerException ?? aggregate : failure.Cause;
            // One line: the stored result carries the message, and a trace in the console would bury the progress.
            _log.Error("Trial {0} failed: it threw {1}: {2}", assignment.TrialId, cause.GetType().Name, cause.Message);
            Deliver(TrialResults.Threw(assignment, cause, node, _startedAt, DateTimeOffset.UtcNow));
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

    public static Props Props(AssignTrial assignment, DatasetSplit data, IActorRef coordinator, string node) =>
        Akka.Actor.Props.Create(() => new TrialActor(assignment, data, coordinator, node));

    protected override void PreStart()
    {
        _startedAt = DateTimeOffset.UtcNow;
        CancellationToken token = _cancellation.Token;
        Task.Factory.StartNew(
                () => TrialRunner.Run(_assignment.Definition, _data, cancellationToken: token),
                token,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default)
            .PipeTo(Self, success: report => new TrainingEnded(report));
    }

    protected override void PostStop()
    {
        _cancellation.Cancel();
        _cancellation.Dispose();
    }

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
