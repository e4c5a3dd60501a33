using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using Sweep.Protocol.Datasets;
using Sweep.Protocol.Messages.Commands;
using Sweep.Protocol.Messages.Events;
using Sweep.Protocol.Messages.Queries;
using Sweep.Runtime.Hosting;
using Sweep.Runtime.Scheduling;
using Sweep.Training.Data;

namespace Sweep.Runtime.Actors;

/// <summary>
/// Pulls trials from the coordinator into its slots (<see cref="TrainingThreads"/>, one thread each) and runs each in a
/// <see cref="TrialActor"/> child. It takes up to <see cref="Prefetch"/> trials beyond its slots (the coordinator hands
/// them while trials are short), which wait for a slot and start on the thread that frees it, at once. The coordinator
/// answers each delivered result with the next trials; the worker asks for work when it joins and when a trial ended
/// without a result, and, as a safety net for lost messages or a coordinator that restarted, re-registers and asks
/// again every <see cref="PollInterval"/> while a slot may be idle.
/// Each data set is fetched once, in chunks through a stream reference, checked against its hash and cached for the
/// sweep; a transfer that fails is reported and retried (<see cref="DatasetFetches"/> says when). A worker beside its
/// coordinator, in one process, starts with the coordinator's data set and fetches nothing.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "An actor ends in PostStop, which disposes the training threads.")]
public sealed class WorkerActor : ReceiveActor, IWithTimers
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many trials the worker holds beyond its slots, at most (the coordinator hands fewer the longer the trials
    /// are, see <see cref="SweepPlan.PrefetchBelow"/>). A slot waits on the coordinator only when the trials waiting
    /// for it train for less than a round trip: on the 500-trial sweep of benchmarks/cluster (trials of 0.15 ms), with
    /// one trial held beyond the slot a slot waited 1 ms (the median) for its next, with four not at all.
    /// </summary>
    public const int Prefetch = 4;

    /// <summary>How long a transfer may go without a chunk before it counts as failed.</summary>
    public static readonly TimeSpan ChunkTimeout = TimeSpan.FromSeconds(60);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _coordinator;
    private readonly int _slots;
    private readonly string _node;
    private readonly Dictionary<string, DatasetSplit> _datasets = new(StringComparer.Ordinal);
    private readonly DatasetFetches _fetches = new(TimeProvider.System);
    private readonly List<AssignTrial> _waitingForData = [];

    /// <summary>Every trial the worker holds: waiting for its data or a slot, or training.</summary>
    private readonly HashSet<string> _held = new(StringComparer.Ordinal);

    /// <summary>The slots: a trial actor's training waits here for a thread.</summary>
    private readonly TrainingThreads _trainingThreads;
    private readonly Dictionary<IActorRef, string> _trialsByActor = [];
    private readonly IMaterializer _materializer = Context.Materializer();
    private bool _sweepCompleted;

    /// <param name="localData">The data set of a coordinator in the same process, which the worker then never fetches.</param>
    public WorkerActor(IActorRef coordinator, int slots, string node, (string Key, DatasetSplit Data)? localData = null)
    {
        if (localData is var (key, data))
        {
            _datasets[key] = data;
        }

        _coordinator = coordinator;
        _slots = slots;
        _node = node;
        _trainingThreads = new TrainingThreads(slots, $"training {node}");

        Receive<AssignTrial>(assignment =>
        {
            if (!_held.Add(assignment.TrialId))
            {
                return;
            }

            if (_datasets.TryGetValue(assignment.DatasetKey, out DatasetSplit? data))
            {
                Start(assignment, data);
                return;
            }

            _waitingForData.Add(assignment);
            if (_fetches.Need(assignment.DatasetKey))
            {
                _coordinator.Tell(new FetchDataset(assignment.DatasetKey));
            }
        });

        Receive<FetchDatasetResponse>(response =>
        {
            if (_fetches.Answered(response.DatasetKey))
            {
                ReadTransfer(response);
            }
        });

        Receive<DatasetReceived>(received =>
        {
            _fetches.Received(received.DatasetKey);
            _log.Info("Data set {0} arrived: {1:N0} bytes in {2:N1} s, checked against its SHA-256", Short(received.DatasetKey), received.Bytes, received.Elapsed.TotalSeconds);
            DatasetSplit data = _datasets[received.DatasetKey] = received.Data;
            foreach (AssignTrial assignment in _waitingForData.Where(a => a.DatasetKey == received.DatasetKey).ToList())
            {
                _waitingForData.Remove(assignment);
                Start(assignment, data);
            }
        });

        Receive<DatasetTransferFailed>(failed => Retry(failed.DatasetKey, $"the transfer failed: {failed.Reason}"));
        Receive<DatasetUnavailable>(unavailable => Retry(unavailable.DatasetKey, $"the coordinator cannot send it: {unavailable.Reason}"));

        // The slot's thread has already taken up the next trial waiting for it. A delivered result brings the next
        // trials from the coordinator in reply; a trial that ended without one has to ask.
        Receive<TrialActor.TrainingFinished>(finished =>
        {
            if (_held.Remove(finished.TrialId) && !finished.Delivered)
            {
                AskForWork();
            }
        });

        // A trial actor that stopped without finishing (it threw) frees its slot; the coordinator learns from the
        // next registration that the trial is no longer held here and requeues it.
        Receive<Terminated>(terminated =>
        {
            if (_trialsByActor.Remove(terminated.ActorRef, out string? trialId) && !_trialsByActor.ContainsValue(trialId) && _held.Remove(trialId))
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

            // The cached data served this sweep; a worker that outlives its coordinator should not hold it for ever.
            if (_held.Count == 0)
            {
                _datasets.Clear();
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
            var (retries, unanswered) = _fetches.Due();
            foreach (string key in unanswered)
            {
                _log.Warning("The coordinator has not answered for data set {0} in {1} s; asking again", Short(key), DatasetFetches.AnswerTimeout.TotalSeconds);
            }

            foreach (string key in retries.Concat(unanswered))
            {
                _coordinator.Tell(new FetchDataset(key));
            }

            if (_held.Count < _slots)
            {
                _coordinator.Tell(new RegisterWorker(_node, _slots, [.. _held], Prefetch));
                AskForWork();
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The trial actors have stopped and cancelled their training; the threads end once they notice.</summary>
    protected override void PostStop()
    {
        Cluster.Get(Context.System).Unsubscribe(Self);
        _trainingThreads.Dispose();
    }

    public static Props Props(IActorRef coordinator, int slots, string node, (string Key, DatasetSplit Data)? localData = null) =>
        Akka.Actor.Props.Create(() => new WorkerActor(coordinator, slots, node, localData));

    protected override void PreStart()
    {
        Cluster.Get(Context.System).Subscribe(Self, typeof(ClusterEvent.MemberRemoved));
        _coordinator.Tell(new RegisterWorker(_node, _slots, [.. _held], Prefetch));
        AskForWork();
        Timers.StartPeriodicTimer("poll", Poll.Instance, PollInterval);
    }

    /// <summary>
    /// Reads the chunks into arrays allocated once from the layout, off this actor's thread; the data set, or the
    /// reason it did not arrive whole, comes back as a message.
    /// </summary>
    private void ReadTransfer(FetchDatasetResponse response)
    {
        string key = response.DatasetKey;
        _log.Info("Receiving data set {0} ({1:N0} bytes) from the coordinator", Short(key), response.Layout.TotalBytes);
        var assembly = new DatasetAssembly(response.Layout);
        var clock = Stopwatch.StartNew();
        response.Chunks.Source
            .IdleTimeout(ChunkTimeout)
            .RunForeach(assembly.Add, _materializer)
            .ContinueWith(
                transfer =>
                {
                    using (assembly)
                    {
                        if (transfer.Exception is { } failure)
                        {
                            Exception cause = failure.InnerException ?? failure;
                            return (object)new DatasetTransferFailed(key, $"{cause.Message} (after {assembly.ReceivedBytes:N0} of {response.Layout.TotalBytes:N0} bytes)");
                        }

                        try
                        {
                            return new DatasetReceived(key, assembly.Complete(), assembly.ReceivedBytes, clock.Elapsed);
                        }
                        catch (DatasetTransferException exception)
                        {
                            return new DatasetTransferFailed(key, exception.Message);
                        }
                    }
                },
                TaskScheduler.Default)
            .PipeTo(Self);
    }

    private void Retry(string key, string reason)
    {
        if (!_waitingForData.Exists(a => a.DatasetKey == key))
        {
            _fetches.Received(key);
            return;
        }

        var (failures, retryIn) = _fetches.Failed(key);
        _log.Warning("Data set {0} did not arrive ({1}); asking the coordinator again in {2} s (failure {3})", Short(key), reason, retryIn.TotalSeconds, failures);
    }

    private static string Short(string key) => key.Length > 12 ? key[..12] : key;

    private void AskForWork()
    {
        int free = _slots + Prefetch - _held.Count;
        if (free > 0 && !_sweepCompleted)
        {
            _coordinator.Tell(new RequestWork(free));
        }
    }

    /// <summary>A trial actor that throws is stopped, not restarted: a restart would race a second training run against the first.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    /// <summary>A trial whose data is here: its actor queues its training for the next free slot, in the order handed out.</summary>
    private void Start(AssignTrial assignment, DatasetSplit data)
    {
        TrialActor.Training training = TrialActor.Queue(assignment, data, _trainingThreads);
        IActorRef trial = Context.ActorOf(TrialActor.Props(assignment, training, _coordinator, _node), $"trial-{assignment.TrialId}-{assignment.Attempt}");
        Context.Watch(trial);
        _trialsByActor[trial] = assignment.TrialId;
    }

    private sealed record DatasetReceived(string DatasetKey, DatasetSplit Data, long Bytes, TimeSpan Elapsed) : INoSerializationVerificationNeeded;

    private sealed record DatasetTransferFailed(string DatasetKey, string Reason) : INoSerializationVerificationNeeded;

    private sealed record Poll : INoSerializationVerificationNeeded
    {
        public static Poll Instance { get; } = new();
    }
}
