using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Sweep.Protocol.Messages.Commands;
using Sweep.Protocol.Messages.Events;
using Sweep.Protocol.Messages.Queries;
using Sweep.Training.Data;

namespace Sweep.Runtime.Actors;

/// <summary>
/// Pulls trials from the coordinator into its slots and runs each in a <see cref="TrialActor"/> child. It asks for
/// work when a slot frees and, as a safety net for lost messages or a coordinator that restarted, re-registers and
/// asks again every <see cref="PollInterval"/> while it has free slots. Each data set is fetched once and cached.
/// </summary>
public sealed class WorkerActor : ReceiveActor, IWithTimers
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long a worker waits for a data set before it asks for it again.</summary>
    public static readonly TimeSpan DataRetryInterval = TimeSpan.FromSeconds(10);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _coordinator;
    private readonly int _slots;
    private readonly string _node;
    private readonly Dictionary<string, DatasetSplit> _datasets = new(StringComparer.Ordinal);
    private readonly List<AssignTrial> _waitingForData = [];
    private readonly HashSet<string> _training = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _trialsByActor = [];
    private readonly Dictionary<string, DateTime> _dataAskedAt = new(StringComparer.Ordinal);
    private bool _sweepCompleted;

    public WorkerActor(IActorRef coordinator, int slots, string node)
    {
        _coordinator = coordinator;
        _slots = slots;
        _node = node;

        Receive<AssignTrial>(assignment =>
        {
            if (!_training.Add(assignment.TrialId))
            {
                return;
            }

            if (_datasets.TryGetValue(assignment.DatasetKey, out DatasetSplit? data))
            {
                Start(assignment, data);
                return;
            }

            if (!_waitingForData.Exists(a => a.DatasetKey == assignment.DatasetKey))
            {
                AskForData(assignment.DatasetKey);
            }

            _waitingForData.Add(assignment);
        });

        Receive<FetchDatasetResponse>(response =>
        {
            _dataAskedAt.Remove(response.DatasetKey);
            DatasetSplit data = _datasets[response.DatasetKey] = response.Data.ToSplit();
            foreach (AssignTrial assignment in _waitingForData.Where(a => a.DatasetKey == response.DatasetKey).ToList())
            {
                _waitingForData.Remove(assignment);
                Start(assignment, data);
            }
        });

        Receive<TrialActor.TrainingFinished>(finished =>
        {
            _training.Remove(finished.TrialId);
            AskForWork();
        });

        // A trial actor that stopped without finishing (it threw) frees its slot; the coordinator learns from the
        // next registration that the trial is no longer held here and requeues it.
        Receive<Terminated>(terminated =>
        {
            if (_trialsByActor.Remove(terminated.ActorRef, out string? trialId) && !_trialsByActor.ContainsValue(trialId) && _training.Remove(trialId))
            {
                _log.Warning("Trial {0} stopped before it finished; its slot is free again", trialId);
                AskForWork();
            }
        });

        Receive<SweepCompleted>(completed =>
        {
            if (!_sweepCompleted)
            {
                _log.Info("Sweep {0} is complete", completed.Sweep);
            }

            _sweepCompleted = true;
        });

        // A coordinator that finished and left (rather than crashed) is not downed, so nothing would make this node
        // join the next coordinator started at the seed: it leaves too, and the worker's process joins again.
        Receive<ClusterEvent.MemberRemoved>(removed =>
        {
            Cluster cluster = Cluster.Get(Context.System);
            if (removed.Member.HasRole(ActorKeys.CoordinatorRole) && !removed.Member.Address.Equals(cluster.SelfAddress)
                && !cluster.State.Members.Any(m => m.HasRole(ActorKeys.CoordinatorRole) && m.Status == MemberStatus.Up))
            {
                _log.Warning("The coordinator at {0} left the cluster; this worker leaves too, to join the next one", removed.Member.Address);
                cluster.Leave(cluster.SelfAddress);
            }
        });

        Receive<Poll>(_ =>
        {
            // A data set whose reply was lost is asked for again, but not every second: each reply carries the whole
            // data set, and on a slow link a big one takes a while to arrive.
            DateTime now = DateTime.UtcNow;
            foreach (string key in _waitingForData.Select(a => a.DatasetKey).Distinct().ToList())
            {
                if (now - _dataAskedAt.GetValueOrDefault(key) > DataRetryInterval)
                {
                    AskForData(key);
                }
            }

            if (_training.Count < _slots)
            {
                _coordinator.Tell(new RegisterWorker(_node, _slots, [.. _training]));
                AskForWork();
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);

    public static Props Props(IActorRef coordinator, int slots, string node) =>
        Akka.Actor.Props.Create(() => new WorkerActor(coordinator, slots, node));

    protected override void PreStart()
    {
        Cluster.Get(Context.System).Subscribe(Self, typeof(ClusterEvent.MemberRemoved));
        _coordinator.Tell(new RegisterWorker(_node, _slots, [.. _training]));
        AskForWork();
        Timers.StartPeriodicTimer("poll", Poll.Instance, PollInterval);
    }

    private void AskForData(string datasetKey)
    {
        _dataAskedAt[datasetKey] = DateTime.UtcNow;
        _coordinator.Tell(new FetchDataset(datasetKey));
    }

    private void AskForWork()
    {
        int free = _slots - _training.Count;
        if (free > 0 && !_sweepCompleted)
        {
            _coordinator.Tell(new RequestWork(free));
        }
    }

    /// <summary>A trial actor that throws is stopped, not restarted: a restart would race a second training run against the first.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    private void Start(AssignTrial assignment, DatasetSplit data)
    {
        IActorRef trial = Context.ActorOf(TrialActor.Props(assignment, data, _coordinator, _node), $"trial-{assignment.TrialId}-{assignment.Attempt}");
        Context.Watch(trial);
        _trialsByActor[trial] = assignment.TrialId;
    }

    private sealed record Poll : INoSerializationVerificationNeeded
    {
        public static Poll Instance { get; } = new();
    }
}
