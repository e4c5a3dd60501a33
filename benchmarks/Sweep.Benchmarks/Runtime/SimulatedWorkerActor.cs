using Akka.Actor;
using Sweep.Domain;
using Sweep.Protocol.Messages.Commands;
using Sweep.Protocol.Messages.Events;

namespace Sweep.Benchmarks.Runtime;

/// <summary>
/// A worker that trains nothing but speaks the worker's protocol: it registers, asks for work, answers each
/// assignment at once with the completed result <paramref name="complete"/> makes of it (as large as a real
/// worker's), which the coordinator answers with the next trial, and resends a result every <see cref="ResendInterval"/> until the
/// store acknowledges it, as a trial actor does.
/// </summary>
internal sealed class SimulatedWorkerActor : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan ResendInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly IActorRef _coordinator;
    private readonly string _node;
    private readonly int _slots;
    private readonly Dictionary<string, StoreTrialResult> _unacknowledged = new(StringComparer.Ordinal);
    private bool _completed;

    public SimulatedWorkerActor(IActorRef coordinator, string node, int slots, Func<AssignTrial, TrialResult> complete)
    {
        _coordinator = coordinator;
        _node = node;
        _slots = slots;

        Receive<AssignTrial>(assignment =>
        {
            if (_unacknowledged.ContainsKey(assignment.TrialId))
            {
                return;
            }

            var delivery = new StoreTrialResult(complete(assignment));
            _unacknowledged[assignment.TrialId] = delivery;
            _coordinator.Tell(delivery);
        });
        Receive<TrialResultStored>(stored => _unacknowledged.Remove(stored.TrialId));
        Receive<SweepCompleted>(_ => _completed = true);
        Receive<Resend>(_ =>
        {
            foreach (StoreTrialResult delivery in _unacknowledged.Values)
            {
                _coordinator.Tell(delivery);
            }
        });
        Receive<Poll>(_ =>
        {
            _coordinator.Tell(new RegisterWorker(_node, _slots, []));
            AskForWork();
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef coordinator, string node, int slots, Func<AssignTrial, TrialResult> complete) =>
        Akka.Actor.Props.Create(() => new SimulatedWorkerActor(coordinator, node, slots, complete));

    protected override void PreStart()
    {
        _coordinator.Tell(new RegisterWorker(_node, _slots, []));
        AskForWork();
        Timers.StartPeriodicTimer("resend", Resend.Instance, ResendInterval);
        Timers.StartPeriodicTimer("poll", Poll.Instance, PollInterval);
    }

    private void AskForWork()
    {
        if (!_completed)
        {
            _coordinator.Tell(new RequestWork(_slots));
        }
    }

    private sealed record Resend : INoSerializationVerificationNeeded
    {
        public static Resend Instance { get; } = new();
    }

    private sealed record Poll : INoSerializationVerificationNeeded
    {
        public static Poll Instance { get; } = new();
    }
}
