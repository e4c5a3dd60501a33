using Microsoft.Extensions.Time.Testing;
using Sweep.Config;
using Sweep.Domain;
using Sweep.Runtime.Scheduling;
using Sweep.Search.Strategies;

namespace Sweep.Runtime.Tests.Scheduling;

/// <summary>
/// A sampled search driven through the schedule with made-up results (a trial's accuracy is a function of its
/// settings), so that every order of events can be tried: the trials must be the same whatever the number of
/// workers, the order results arrive in, and a restart in the middle.
/// </summary>
public sealed class SearchScheduleTests
{
    private const string TpeSweep = """
        name: tpe-schedule
        dataset: { generator: moons, examples: 40, noise: 0.1, test_fraction: 0.25 }
        model: { hidden: [3] }
        training: { iterations: 10, seed: 11 }
        strategy: { name: tpe, samples: 30, seed: 5, parallel: 4 }
        search:
          learning_rate: { log_uniform: [0.0001, 1.0] }
          l2_lambda: { uniform: [0, 1] }
          initializer: [he, xavier, lecun]
        repeats: 2
        """;

    private static readonly SweepDefinition Definition = SweepFile.Parse(TpeSweep, Path.Combine(Path.GetTempPath(), "tpe-schedule.yaml"));

    private static readonly SweepPlan Plan = new(
        Definition.Name, Definition.FileHash, Definition.DatasetKey, Definition.LoadData(), TrialSource.From(Definition.Search),
        TrialMetrics.TestAccuracy, HigherIsBetter: true);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Tpe_proposes_the_same_trials_on_one_slot_as_on_four_workers_finishing_in_any_order()
    {
        string[] oneSlot = Ids(Run(workers: 1, slots: 1, shuffleSeed: null, prefetch: 0));

        Assert.Equal(60, oneSlot.Length);
        for (int seed = 0; seed < 5; seed++)
        {
            Assert.Equal(oneSlot, Ids(Run(workers: 4, slots: 2, shuffleSeed: seed, prefetch: 0)));
        }
    }

    [Fact]
    public void Tpe_proposes_the_same_trials_when_workers_prefetch_and_a_prefetched_trial_may_finish_first()
    {
        string[] oneSlot = Ids(Run(workers: 1, slots: 1, shuffleSeed: null, prefetch: 0));

        for (int seed = 0; seed < 5; seed++)
        {
            Assert.Equal(oneSlot, Ids(Run(workers: 1 + (seed % 3), slots: 1 + (seed % 2), shuffleSeed: seed, prefetch: 1 + (seed % 2))));
        }
    }

    [Fact]
    public void A_schedule_loaded_from_a_store_in_the_middle_proposes_what_an_uninterrupted_one_does()
    {
        string[] uninterrupted = Ids(Run(workers: 1, slots: 1, shuffleSeed: null, prefetch: 0));

        foreach (int stored in new[] { 1, 9, 23, 40 })
        {
            // What the store holds after a kill: the first results to arrive, not a prefix of the configurations.
            List<TrialResult> before = Run(workers: 3, slots: 2, shuffleSeed: stored, prefetch: 1, stopAfter: stored);
            var schedule = new SweepSchedule<string>(Plan, _time);
            schedule.Load(before, []);

            Assert.Equal(stored, schedule.Resumed);
            List<TrialResult> after = Drive(schedule, workers: 2, slots: 1, prefetch: 1, new Random(stored), stopAfter: null);
            Assert.Equal(uninterrupted, Ids([.. before, .. after]));
        }
    }

    [Fact]
    public void A_finished_trial_that_lets_the_search_propose_more_hands_the_new_trials_to_free_slots()
    {
        var schedule = new SweepSchedule<string>(Plan, _time);
        schedule.Load([], []);
        schedule.Register("a", "node-a", slots: 20, held: []);

        IReadOnlyList<Assignment> first = schedule.Assign("a", freeSlots: 20);
        Assert.Equal(8, first.Count); // 4 configurations (parallel) x 2 repeats, then TPE waits for results.
        Assert.False(schedule.IsFinished);

        Assert.Empty(schedule.Delivered("a", first[0].Trial.TrialId, TimeSpan.FromSeconds(1)));
        Assert.Empty(schedule.Finish(Result(first[0].Trial)));
        Assert.Empty(schedule.Delivered("a", first[1].Trial.TrialId, TimeSpan.FromSeconds(1)));
        var handed = schedule.Finish(Result(first[1].Trial));

        Assert.Equal(2, Assert.Single(handed).Value.Count);
        Assert.Equal(first[0].Trial.ConfigurationId, first[1].Trial.ConfigurationId);
    }

    [Fact]
    public void A_configuration_is_told_the_mean_of_its_seeds_or_a_failure_if_any_seed_failed()
    {
        var strategy = new RecordingStrategy(count: 2);
        var source = new TrialSource(() => strategy, c => [Trial($"c{c.Index}-s1", $"c{c.Index}"), Trial($"c{c.Index}-s2", $"c{c.Index}")], Repeats: 2);
        var search = new SearchProgress(source, TrialMetrics.TestAccuracy, higherIsBetter: true);

        Assert.Equal(4, search.Propose().Count);
        search.Finish(Completed("c0-s1", 0.8));
        Assert.Empty(strategy.Told);
        search.Finish(Completed("c0-s2", 0.6));
        search.Finish(Completed("c1-s1", 0.9));
        search.Finish(Completed("c1-s2", 0.9) with { Status = TrialResultStatus.Diverged, TestAccuracy = null });

        Assert.Equal(2, strategy.Told.Count);
        Assert.Equal(0, strategy.Told[0].Index);
        Assert.Equal(-0.7, strategy.Told[0].Loss!.Value, 12);
        Assert.Equal((1, (double?)null), strategy.Told[1]);
        Assert.True(search.IsFinished);
    }

    /// <summary>Runs the whole sweep (or until <paramref name="stopAfter"/> results) and returns the results in the order they finished.</summary>
    private List<TrialResult> Run(int workers, int slots, int? shuffleSeed, int prefetch, int? stopAfter = null)
    {
        var schedule = new SweepSchedule<string>(Plan, _time);
        schedule.Load([], []);
        return Drive(schedule, workers, slots, prefetch, shuffleSeed is null ? null : new Random(shuffleSeed.Value), stopAfter);
    }

    /// <summary>
    /// Workers take what they can (their slots, and their prefetch once their trials show to be short); then one
    /// trial a worker holds finishes: the oldest, or with <paramref name="order"/> any of them at random, as on
    /// machines of different speeds. A worker never holds more than its slots and prefetch.
    /// </summary>
    private static List<TrialResult> Drive(SweepSchedule<string> schedule, int workers, int slots, int prefetch, Random? order, int? stopAfter)
    {
        var held = new List<(string Worker, TrialPlan Trial)>();
        var finished = new List<TrialResult>();
        for (int w = 0; w < workers; w++)
        {
            schedule.Register($"w{w}", $"node-{w}", slots, held: [], prefetch);
        }

        while (!schedule.IsFinished && finished.Count != stopAfter)
        {
            for (int w = 0; w < workers; w++)
            {
                held.AddRange(schedule.Assign($"w{w}", slots + prefetch).Select(a => ($"w{w}", a.Trial)));
            }

            Assert.All(held.GroupBy(h => h.Worker), worker => Assert.InRange(worker.Count(), 1, slots + prefetch));
            Assert.NotEmpty(held);
            int next = order?.Next(held.Count) ?? 0;
            var (worker, trial) = held[next];
            held.RemoveAt(next);
            held.AddRange(schedule.Delivered(worker, trial.TrialId, TimeSpan.Zero).Select(a => (worker, a.Trial)));
            TrialResult result = Result(trial);
            foreach (var (to, assignments) in schedule.Finish(result))
            {
                held.AddRange(assignments.Select(a => (to, a.Trial)));
            }

            finished.Add(result);
        }

        return finished;
    }

    /// <summary>A made-up accuracy that depends on the trial's settings only, best near learning rate 0.05 and no L2.</summary>
    private static TrialResult Result(TrialPlan trial)
    {
        double rate = trial.Definition.Training.LearningRate;
        double accuracy = 1 - (0.1 * Math.Pow(Math.Log10(rate / 0.05), 2)) - (0.2 * trial.Definition.Training.L2Lambda) - (trial.Definition.Training.Seed * 1e-4);
        return Completed(trial.TrialId, accuracy) with { ConfigurationId = trial.ConfigurationId };
    }

    private static string[] Ids(IEnumerable<TrialResult> results) => [.. results.Select(r => r.TrialId).Order(StringComparer.Ordinal)];

    private static TrialResult Completed(string trialId, double accuracy) => new()
    {
        TrialId = trialId,
        Sweep = Plan.Name,
        SweepFileHash = Plan.FileHash,
        Status = TrialResultStatus.Completed,
        TestAccuracy = accuracy,
        TestCost = 0.3,
    };

    private static TrialPlan Trial(string trialId, string configurationId) =>
        RuntimeFixtures.Trial(trialId, 1) with { ConfigurationId = configurationId };

    private sealed class RecordingStrategy(int count) : ISearchStrategy
    {
        public List<(int Index, double? Loss)> Told { get; } = [];

        public int Count => count;

        public bool CanAsk(int index) => true;

        public Search.Configuration Ask(int index) => new(index, [index]);

        public void Tell(int index, double? loss) => Told.Add((index, loss));
    }
}
