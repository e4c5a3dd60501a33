using Sweep.Config;
using Sweep.Protocol.Messages.Queries;
using Sweep.Storage;
using Sweep.Domain;
using Sweep.Search.Ranking;

namespace Sweep.Runtime.Scheduling;

/// <summary>
/// Which trial runs where: the search that proposes the trials (<see cref="SearchProgress"/>), the queue of trials still to run, the workers and the trials each holds, how often each
/// trial was started, and what has finished. Plain state with no messaging, so that every rule is tested directly:
/// the coordinator actor turns messages into these calls and their answers into messages.
/// <list type="bullet">
/// <item>A worker never holds more trials than its slots, plus the prefetch it declared while its trials are short:
/// as many as train in <see cref="SweepPlan.PrefetchBelow"/> at the pace of the last one it delivered. A prefetched
/// trial waits at the worker and starts the moment a slot frees, so a short trial's worker does not sit out a round
/// trip to the coordinator between trials, and at the end of a sweep a worker holds back at most about
/// <see cref="SweepPlan.PrefetchBelow"/> of training that an idle one could have run. A prefetched trial is handed out
/// like any other (it counts as running for the search, and its attempt counts).</item>
/// <item>A worker that delivers a result is handed its next trials in reply, without having to ask.</item>
/// <item>A trial whose worker is lost goes back to the front of the queue, or, once it has been started
/// <see cref="SweepPlan.MaxAttempts"/> times, becomes a failed result to store.</item>
/// <item>A trial handed out more than <see cref="SweepPlan.AssignmentGrace"/> ago that its worker no longer holds was
/// lost inside the worker and is requeued; a queued trial a worker already holds (it trained while the coordinator
/// restarted) stays with that worker rather than run twice.</item>
/// </list>
/// </summary>
/// <typeparam name="TWorker">How the caller names a worker (the actor uses its actor reference).</typeparam>
public sealed class SweepSchedule<TWorker>
    where TWorker : notnull
{
    /// <summary>The settings of every trial the leaderboard keeps: one empty map shared, not two allocated per trial.</summary>
    private static readonly IReadOnlyDictionary<string, string> NoSettings = System.Collections.Frozen.FrozenDictionary<string, string>.Empty;

    private readonly SweepPlan _plan;
    private readonly TimeProvider _time;
    private readonly SearchProgress _search;
    private readonly LinkedList<string> _queue = new();
    private readonly Dictionary<string, LinkedListNode<string>> _queued = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _finished = new(StringComparer.Ordinal);
    private readonly Dictionary<TWorker, WorkerState> _workers = [];
    private readonly Dictionary<string, TWorker> _delivered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private readonly Leaderboard _leaderboard;

    public SweepSchedule(SweepPlan plan, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(time);
        _plan = plan;
        _time = time;
        _search = new SearchProgress(plan.Trials, plan.Metric, plan.HigherIsBetter);
        _leaderboard = new Leaderboard(plan.Metric, plan.HigherIsBetter);
    }

    /// <summary>How many of the sweep's trials were stored before this run started.</summary>
    public int Resumed { get; private set; }

    /// <summary>The search has proposed all its configurations and every trial is stored.</summary>
    public bool IsFinished => _search.IsFinished;

    /// <summary>How many trials the sweep has, counting those of configurations not proposed yet.</summary>
    public int Total => _search.Total;

    /// <summary>Whether the trial is one of the sweep's (proposed so far).</summary>
    public bool Contains(string trialId) => _search.Find(trialId) is not null;

    public IReadOnlyCollection<TWorker> Workers => _workers.Keys;

    /// <summary>How many trials are waiting for a worker.</summary>
    public int Queued => _queue.Count;

    /// <summary>
    /// Starts from what the store holds, replaying it into the search in the order the search proposes: a proposed
    /// trial that is stored is done at once (as is a stored document that cannot be read, since a result of its would
    /// be dropped as a duplicate), which may let the search propose further; the rest are queued in order. A restarted
    /// sweep so proposes exactly the trials an uninterrupted one does.
    /// </summary>
    public void Load(IEnumerable<TrialResult> stored, IEnumerable<string> unreadableIds)
    {
        Dictionary<string, TrialResult> storedById = stored.ToDictionary(t => t.TrialId, StringComparer.Ordinal);
        var unreadable = unreadableIds.ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<TrialPlan> proposed;
        while ((proposed = _search.Propose()).Count > 0)
        {
            foreach (TrialPlan trial in proposed)
            {
                if (storedById.TryGetValue(trial.TrialId, out TrialResult? result))
                {
                    _finished.Add(trial.TrialId);
                    _leaderboard.Add(Ranked(trial, result));
                    _search.Finish(result);
                }
                else if (unreadable.Contains(trial.TrialId))
                {
                    _finished.Add(trial.TrialId);
                    _search.FinishUnreadable(trial.TrialId);
                }
                else
                {
                    Enqueue(trial.TrialId, atFront: false);
                }
            }
        }

        Resumed = _finished.Count;
    }

    /// <summary>
    /// A worker that registers (again), with the trials it says it holds and how many it takes beyond its slots to
    /// start as soon as one frees (<paramref name="prefetch"/>). Returns whether it is new, the trials it lost
    /// (requeued) and the failures to store for those out of attempts.
    /// </summary>
    public (bool IsNew, IReadOnlyList<string> Forgotten, IReadOnlyList<TrialResult> Failures) Register(TWorker worker, string node, int slots, IReadOnlyList<string> held, int prefetch = 0)
    {
        bool isNew = !_workers.TryGetValue(worker, out WorkerState? state);
        state ??= _workers[worker] = new WorkerState(node, slots, Math.Max(0, prefetch));

        var holds = held.ToHashSet(StringComparer.Ordinal);
        DateTimeOffset settled = _time.GetUtcNow() - _plan.AssignmentGrace;
        var forgotten = state.Trials.Where(t => !holds.Contains(t.Key) && t.Value < settled).Select(t => t.Key).ToList();
        var failures = new List<TrialResult>();
        foreach (string trialId in forgotten)
        {
            state.Trials.Remove(trialId);
            Requeue(trialId, state.Node, failures);
        }

        foreach (string trialId in holds.Where(id => !state.Trials.ContainsKey(id) && _queued.ContainsKey(id)))
        {
            Dequeue(trialId);
            state.Trials[trialId] = _time.GetUtcNow();
            _attempts[trialId] = _attempts.GetValueOrDefault(trialId) + 1;
        }

        return (isNew, forgotten, failures);
    }

    /// <summary>
    /// Hands the worker up to <paramref name="freeSlots"/> queued trials, never more than its slots allow (and its
    /// prefetch, while its trials are short).
    /// </summary>
    public IReadOnlyList<Assignment> Assign(TWorker worker, int freeSlots)
    {
        if (!_workers.TryGetValue(worker, out WorkerState? state))
        {
            return [];
        }

        var assigned = new List<Assignment>();
        int count = Math.Min(freeSlots, state.Capacity - state.Trials.Count);
        while (assigned.Count < count && _queue.First is { } next)
        {
            string trialId = next.Value;
            Dequeue(trialId);
            int attempt = _attempts[trialId] = _attempts.GetValueOrDefault(trialId) + 1;
            state.Trials[trialId] = _time.GetUtcNow();
            assigned.Add(new Assignment(_search.Find(trialId)!, attempt));
        }

        return assigned;
    }

    /// <summary>
    /// The worker delivered the trial's result, which trained for <paramref name="trained"/>: it no longer occupies a
    /// slot there, and the worker is handed what it can take now (returned), in reply rather than when it asks. Until
    /// the store confirms the result, a loss of that worker still requeues the trial (the store keeps the first
    /// result, so a late commit is harmless). How long the trial trained decides how much of its prefetch the worker gets.
    /// </summary>
    public IReadOnlyList<Assignment> Delivered(TWorker worker, string trialId, TimeSpan trained)
    {
        if (!_workers.TryGetValue(worker, out WorkerState? state))
        {
            return [];
        }

        if (state.Trials.Remove(trialId))
        {
            _delivered[trialId] = worker;
            // As many as train in less than PrefetchBelow, one after another, at this trial's pace.
            state.Prefetching = trained <= TimeSpan.Zero ? state.Prefetch : (int)Math.Min(state.Prefetch, Math.Ceiling(_plan.PrefetchBelow / trained) - 1);
        }

        return Assign(worker, int.MaxValue);
    }

    /// <summary>
    /// The store holds the trial's result; later results of it change nothing. The search learns of it, and the trials
    /// it can now propose are queued and handed to the free slots of the workers (the assignments returned).
    /// </summary>
    public IReadOnlyDictionary<TWorker, IReadOnlyList<Assignment>> Finish(TrialResult trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (!Contains(trial.TrialId) || !_finished.Add(trial.TrialId))
        {
            return new Dictionary<TWorker, IReadOnlyList<Assignment>>();
        }

        _delivered.Remove(trial.TrialId);
        Dequeue(trial.TrialId);
        _attempts.Remove(trial.TrialId);
        _outcomes[trial.Status] = _outcomes.GetValueOrDefault(trial.Status) + 1;
        _leaderboard.Add(Ranked(_search.Find(trial.TrialId)!, trial));
        _search.Finish(trial);
        IReadOnlyList<TrialPlan> proposed = _search.Propose();
        foreach (TrialPlan next in proposed)
        {
            Enqueue(next.TrialId, atFront: false);
        }

        return proposed.Count == 0 ? new Dictionary<TWorker, IReadOnlyList<Assignment>>() : FillFreeSlots();
    }

    /// <summary>
    /// The worker is gone: its running trials and its delivered but unconfirmed ones go back to the front of the
    /// queue (or become failures to store), and the other workers' free slots are filled. Null for an unknown worker.
    /// </summary>
    public WorkerLoss<TWorker>? WorkerLost(TWorker worker)
    {
        if (!_workers.Remove(worker, out WorkerState? state))
        {
            return null;
        }

        var lost = state.Trials.Keys.ToList();
        lost.AddRange(_delivered.Where(d => d.Value.Equals(worker)).Select(d => d.Key));
        lost.ForEach(id => _delivered.Remove(id));
        var failures = new List<TrialResult>();
        foreach (string trialId in lost)
        {
            Requeue(trialId, state.Node, failures);
        }

        return new WorkerLoss<TWorker>(state.Node, lost, failures, FillFreeSlots());
    }

    /// <summary>How the sweep stands, for the progress view, its best configuration by the one leaderboard <c>sweep best</c> uses.</summary>
    public FetchSweepStatusResponse Status()
    {
        ConfigurationStanding? best = _leaderboard.Best;
        return new(
            _plan.Name,
            Total,
            Resumed,
            _outcomes.GetValueOrDefault(TrialResultStatus.Completed),
            _outcomes.GetValueOrDefault(TrialResultStatus.GradcheckFailed),
            _outcomes.GetValueOrDefault(TrialResultStatus.Diverged),
            _outcomes.GetValueOrDefault(TrialResultStatus.Failed),
            _workers.Values.Sum(w => w.Running),
            _queue.Count + _workers.Values.Sum(w => w.Trials.Count - w.Running),
            // One pass over the best configuration's trials: the progress view asks every 50 ms, and ranking them as a
            // board of their own (a configuration ranked again per trial added) cost the coordinator most of its time
            // once a configuration had a few hundred seeds.
            best is null ? null : Leaderboard.BestTrialOf(best, _plan.Metric, _plan.HigherIsBetter)?.TrialId,
            best?.Mean,
            [.. _workers.Values.Select(w => new WorkerStatus(w.Node, w.Slots, w.Running)).OrderBy(w => w.Node, StringComparer.Ordinal)],
            IsFinished)
        {
            BestConfigurationId = best?.ConfigurationId,
            BestSeeds = best?.SeedsCompleted ?? 0,
        };
    }

    /// <summary>
    /// What the leaderboard keeps of a stored trial: the fields a ranking reads (<see cref="TrialRanking"/>: id, status,
    /// the metrics; the configuration and seed that group and order repeats), and none of the curves, norms, settings
    /// or trained model the store holds. Kept whole, a result of the course's [2,20,3,1] network held 20 KB of the
    /// coordinator's memory for the rest of the sweep, 2 GB at 100,000 trials (benchmarks: <c>simulate</c>). Its
    /// strings are the plan's, which the schedule holds anyway, rather than the copies the result arrived with.
    /// </summary>
    private TrialResult Ranked(TrialPlan planned, TrialResult trial) => new()
    {
        TrialId = planned.TrialId,
        ConfigurationId = trial.ConfigurationId == planned.ConfigurationId ? planned.ConfigurationId : trial.ConfigurationId,
        Sweep = _plan.Name,
        SweepFileHash = _plan.FileHash,
        Status = TrialResultStatus.All.FirstOrDefault(status => status == trial.Status) ?? trial.Status,
        Parameters = NoSettings,
        Settings = NoSettings,
        Seed = trial.Seed,
        TrainAccuracy = trial.TrainAccuracy,
        TestAccuracy = trial.TestAccuracy,
        TrainCost = trial.TrainCost,
        TestCost = trial.TestCost,
        ValidationAccuracy = trial.ValidationAccuracy,
        ValidationCost = trial.ValidationCost,
        TrainRmse = trial.TrainRmse,
        TestRmse = trial.TestRmse,
        ValidationRmse = trial.ValidationRmse,
        TrainR2 = trial.TrainR2,
        TestR2 = trial.TestR2,
        ValidationR2 = trial.ValidationR2,
    };

    /// <summary>Back at the front of the queue, or a failed result once the trial has used its attempts.</summary>
    private void Requeue(string trialId, string node, List<TrialResult> failures)
    {
        if (_finished.Contains(trialId) || _queued.ContainsKey(trialId))
        {
            return;
        }

        int attempts = _attempts.GetValueOrDefault(trialId);
        if (attempts >= _plan.MaxAttempts)
        {
            DateTimeOffset now = _time.GetUtcNow();
            failures.Add(TrialResults.Failed(_plan.Assign(_search.Find(trialId)!, attempts),
                $"the trial was started {attempts} times and each time its worker was lost before it finished", node, now, now));
        }
        else
        {
            Enqueue(trialId, atFront: true);
        }
    }

    private Dictionary<TWorker, IReadOnlyList<Assignment>> FillFreeSlots() =>
        _workers.ToDictionary(w => w.Key, w => Assign(w.Key, int.MaxValue));

    private void Enqueue(string trialId, bool atFront) =>
        _queued[trialId] = atFront ? _queue.AddFirst(trialId) : _queue.AddLast(trialId);

    private void Dequeue(string trialId)
    {
        if (_queued.Remove(trialId, out LinkedListNode<string>? node))
        {
            _queue.Remove(node);
        }
    }

    private sealed class WorkerState(string node, int slots, int prefetch)
    {
        public string Node { get; } = node;

        public int Slots { get; } = slots;

        /// <summary>How many trials the worker takes beyond its slots, to start as soon as a slot frees.</summary>
        public int Prefetch { get; } = prefetch;

        /// <summary>
        /// How many trials it holds beyond its slots now: as many of its prefetch as train in
        /// <see cref="SweepPlan.PrefetchBelow"/> at the pace of the last trial it delivered (none before the first).
        /// </summary>
        public int Prefetching { get; set; }

        /// <summary>How many trials the worker may hold: its slots, and its prefetch while its trials are short.</summary>
        public int Capacity => Slots + Prefetching;

        /// <summary>How many of the trials it holds are training (the rest wait there for a slot).</summary>
        public int Running => Math.Min(Trials.Count, Slots);

        /// <summary>The trials handed to the worker and not yet delivered, with when each was handed out.</summary>
        public Dictionary<string, DateTimeOffset> Trials { get; } = new(StringComparer.Ordinal);
    }
}
