using Microsoft.Extensions.Time.Testing;
using Sweep.Runtime.Scheduling;
using Sweep.Storage;
using Sweep.Domain;

namespace Sweep.Runtime.Tests.Scheduling;

/// <summary>The scheduling rules driven directly: no actor system, no cluster, time from a fake clock.</summary>
public sealed class SweepScheduleTests
{
    private static readonly SweepPlan Plan = RuntimeFixtures.Plan(5) with { MaxAttempts = 2, AssignmentGrace = TimeSpan.FromSeconds(30) };

    /// <summary>A trial that trained for less than <see cref="SweepPlan.PrefetchBelow"/>, and one that did not.</summary>
    private static readonly TimeSpan Short = Plan.PrefetchBelow / 10, Long = Plan.PrefetchBelow;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
    private readonly SweepSchedule<string> _schedule;

    public SweepScheduleTests()
    {
        _schedule = new SweepSchedule<string>(Plan, _time);
        _schedule.Load([], []);
    }

    [Fact]
    public void A_worker_never_holds_more_trials_than_its_slots()
    {
        _schedule.Register("a", "node-a", slots: 2, held: []);

        IReadOnlyList<Assignment> first = _schedule.Assign("a", freeSlots: 5);
        IReadOnlyList<Assignment> second = _schedule.Assign("a", freeSlots: 2);

        Assert.Equal(2, first.Count);
        Assert.Empty(second);
        Assert.Equal(3, _schedule.Queued);
    }

    [Fact]
    public void Trials_are_handed_out_in_plan_order_on_their_first_attempt()
    {
        _schedule.Register("a", "node-a", slots: 5, held: []);

        IReadOnlyList<Assignment> assigned = _schedule.Assign("a", freeSlots: 5);

        Assert.Equal(Plan.Listed().Select(t => t.TrialId), assigned.Select(a => a.Trial.TrialId));
        Assert.All(assigned, a => Assert.Equal(1, a.Attempt));
    }

    [Fact]
    public void A_lost_workers_trials_go_to_the_front_of_the_queue_for_their_next_attempt()
    {
        _schedule.Register("a", "node-a", slots: 2, held: []);
        var taken = _schedule.Assign("a", 2).Select(a => a.Trial.TrialId).ToList();

        WorkerLoss<string> loss = _schedule.WorkerLost("a")!;
        _schedule.Register("b", "node-b", slots: 2, held: []);
        IReadOnlyList<Assignment> again = _schedule.Assign("b", 2);

        Assert.Equal(("node-a", 2), (loss.Node, loss.Lost.Count));
        Assert.Equal(taken.Order(), again.Select(a => a.Trial.TrialId).Order());
        Assert.All(again, a => Assert.Equal(2, a.Attempt));
    }

    [Fact]
    public void A_trial_that_lost_its_worker_as_often_as_it_may_be_started_becomes_a_failure()
    {
        for (int attempt = 1; attempt <= Plan.MaxAttempts; attempt++)
        {
            _schedule.Register($"w{attempt}", $"node-{attempt}", slots: 1, held: []);
            Assert.Equal(attempt, Assert.Single(_schedule.Assign($"w{attempt}", 1)).Attempt);
            WorkerLoss<string> loss = _schedule.WorkerLost($"w{attempt}")!;
            Assert.Equal(attempt == Plan.MaxAttempts ? 1 : 0, loss.Failures.Count);
        }

        _schedule.Register("last", "node-last", slots: 5, held: []);
        IReadOnlyList<Assignment> rest = _schedule.Assign("last", 5);

        Assert.Equal(4, rest.Count);
        Assert.DoesNotContain(rest, a => a.Trial.TrialId == Plan.Listed()[0].TrialId);
    }

    [Fact]
    public void The_failure_of_a_trial_out_of_attempts_says_why_and_how_often_it_was_started()
    {
        WorkerLoss<string>? last = null;
        for (int attempt = 1; attempt <= Plan.MaxAttempts; attempt++)
        {
            _schedule.Register("w", "node-w", slots: 1, held: []);
            _schedule.Assign("w", 1);
            last = _schedule.WorkerLost("w");
        }

        TrialResult failure = Assert.Single(last!.Failures);
        Assert.Equal((Plan.Listed()[0].TrialId, TrialResultStatus.Failed, Plan.MaxAttempts), (failure.TrialId, failure.Status, failure.Attempts));
        Assert.Contains("worker was lost", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_delivered_result_frees_the_slot_and_is_answered_with_the_next_trial_but_is_requeued_if_its_worker_is_lost_before_the_store_confirms_it()
    {
        _schedule.Register("a", "node-a", slots: 1, held: []);
        string trial = Assert.Single(_schedule.Assign("a", 1)).Trial.TrialId;

        IReadOnlyList<Assignment> next = _schedule.Delivered("a", trial, Long);
        int afterwards = _schedule.Assign("a", 1).Count;
        WorkerLoss<string> loss = _schedule.WorkerLost("a")!;

        Assert.Equal(Plan.Listed()[1].TrialId, Assert.Single(next).Trial.TrialId);
        Assert.Equal(0, afterwards);
        Assert.Contains(trial, loss.Lost);
    }

    [Fact]
    public void A_worker_whose_trials_are_short_is_handed_its_prefetch_beyond_its_slots_and_never_more()
    {
        _schedule.Register("a", "node-a", slots: 1, held: [], prefetch: 1);
        string first = Assert.Single(_schedule.Assign("a", 5)).Trial.TrialId;

        // Until a result says its trials are short, a worker holds its slots' worth.
        Assert.Empty(_schedule.Assign("a", 5));
        IReadOnlyList<Assignment> afterFirst = _schedule.Delivered("a", first, Short);
        IReadOnlyList<Assignment> asked = _schedule.Assign("a", 5);
        IReadOnlyList<Assignment> afterSecond = _schedule.Delivered("a", afterFirst[0].Trial.TrialId, Short);

        Assert.Equal([Plan.Listed()[1].TrialId, Plan.Listed()[2].TrialId], afterFirst.Select(a => a.Trial.TrialId));
        Assert.Empty(asked);
        Assert.Equal(Plan.Listed()[3].TrialId, Assert.Single(afterSecond).Trial.TrialId);
        Assert.Equal((1, 1), (_schedule.Status().Running, _schedule.Status().Queued - 1));
        Assert.Equal(1, Assert.Single(_schedule.Status().Workers).Running);
    }

    [Fact]
    public void A_worker_is_handed_as_much_of_its_prefetch_as_trains_within_the_prefetch_time_at_the_pace_of_its_last_trial()
    {
        var schedule = new SweepSchedule<string>(RuntimeFixtures.Plan(20), _time);
        schedule.Load([], []);
        schedule.Register("a", "node-a", slots: 1, held: [], prefetch: 4);
        string first = Assert.Single(schedule.Assign("a", 10)).Trial.TrialId;

        // Three trials of this pace take the whole prefetch time: two may wait.
        IReadOnlyList<Assignment> atAThird = schedule.Delivered("a", first, Plan.PrefetchBelow / 3);
        IReadOnlyList<Assignment> atATenth = schedule.Delivered("a", atAThird[0].Trial.TrialId, Plan.PrefetchBelow / 10);
        IReadOnlyList<Assignment> atAThousandth = schedule.Delivered("a", atAThird[1].Trial.TrialId, Plan.PrefetchBelow / 1000);

        Assert.Equal(1 + 2, atAThird.Count);
        Assert.Equal(3, atATenth.Count); // Now four may wait beside the one training; it held two after the delivery.
        Assert.Single(atAThousandth);
        Assert.Equal(1 + 4, schedule.Status().Running + schedule.Status().Queued - schedule.Queued);
    }

    [Fact]
    public void A_worker_whose_last_trial_was_long_is_not_handed_its_prefetch()
    {
        _schedule.Register("a", "node-a", slots: 2, held: [], prefetch: 1);
        IReadOnlyList<Assignment> first = _schedule.Assign("a", 5);
        _schedule.Delivered("a", first[0].Trial.TrialId, Short);
        Assert.Empty(_schedule.Assign("a", 5));

        IReadOnlyList<Assignment> afterLong = _schedule.Delivered("a", first[1].Trial.TrialId, Long);

        Assert.Empty(afterLong);
        Assert.Equal(2, _schedule.Status().Running);
    }

    [Fact]
    public void A_lost_workers_prefetched_trials_go_back_to_the_front_of_the_queue_with_its_running_ones()
    {
        _schedule.Register("a", "node-a", slots: 1, held: [], prefetch: 1);
        string first = Assert.Single(_schedule.Assign("a", 2)).Trial.TrialId;
        var held = _schedule.Delivered("a", first, Short).Select(a => a.Trial.TrialId).ToList();
        _schedule.Finish(Result(first, 0.5));

        WorkerLoss<string> loss = _schedule.WorkerLost("a")!;
        _schedule.Register("b", "node-b", slots: 2, held: []);
        IReadOnlyList<Assignment> again = _schedule.Assign("b", 2);

        Assert.Equal(2, held.Count);
        Assert.Equal(held.Order(), loss.Lost.Order());
        Assert.Equal(held.Order(), again.Select(a => a.Trial.TrialId).Order());
        Assert.All(again, a => Assert.Equal(2, a.Attempt));
        Assert.Equal((0, 2, 0), (_schedule.Status().Running - 2, _schedule.Status().Running, _schedule.Status().Queued - 2));
    }

    [Fact]
    public void A_confirmed_result_is_never_requeued()
    {
        _schedule.Register("a", "node-a", slots: 1, held: []);
        string trial = Assert.Single(_schedule.Assign("a", 1)).Trial.TrialId;
        _schedule.Delivered("a", trial, Long);

        _schedule.Finish(Result(trial, 0.9));
        WorkerLoss<string> loss = _schedule.WorkerLost("a")!;

        Assert.DoesNotContain(trial, loss.Lost);
        Assert.Equal(1, _schedule.Status().Completed);
    }

    [Fact]
    public void A_trial_its_worker_no_longer_holds_is_requeued_only_after_the_grace()
    {
        _schedule.Register("a", "node-a", slots: 1, held: []);
        string trial = Assert.Single(_schedule.Assign("a", 1)).Trial.TrialId;

        _time.Advance(Plan.AssignmentGrace / 2);
        var early = _schedule.Register("a", "node-a", slots: 1, held: []);
        _time.Advance(Plan.AssignmentGrace);
        var late = _schedule.Register("a", "node-a", slots: 1, held: []);

        Assert.Empty(early.Forgotten);
        Assert.Equal([trial], late.Forgotten);
        Assert.False(late.IsNew);
        Assert.Equal(trial, _schedule.Assign("a", 1)[0].Trial.TrialId);
    }

    [Fact]
    public void A_queued_trial_that_a_worker_already_holds_stays_with_it_and_is_not_handed_to_another()
    {
        string held = Plan.Listed()[2].TrialId;

        _schedule.Register("a", "node-a", slots: 2, held: [held]);
        _schedule.Register("b", "node-b", slots: 5, held: []);
        IReadOnlyList<Assignment> others = _schedule.Assign("b", 5);

        Assert.Equal(4, others.Count);
        Assert.DoesNotContain(others, a => a.Trial.TrialId == held);
        Assert.Equal(1, _schedule.Status().Running - others.Count);
    }

    [Fact]
    public void Stored_and_unreadable_trials_count_as_done_and_the_rest_are_queued()
    {
        var schedule = new SweepSchedule<string>(Plan, _time);

        schedule.Load([Result(Plan.Listed()[0].TrialId, 0.7)], [Plan.Listed()[3].TrialId, "not-in-this-sweep"]);
        schedule.Register("a", "node-a", slots: 5, held: []);

        Assert.Equal(2, schedule.Resumed);
        Assert.Equal([Plan.Listed()[1].TrialId, Plan.Listed()[2].TrialId, Plan.Listed()[4].TrialId], schedule.Assign("a", 5).Select(a => a.Trial.TrialId));
        Assert.Equal(Plan.Listed()[0].TrialId, schedule.Status().BestTrialId);
    }

    [Fact]
    public void The_sweep_is_finished_once_every_trial_is_stored_and_a_second_result_counts_once()
    {
        foreach (var trial in Plan.Listed())
        {
            Assert.False(_schedule.IsFinished);
            _schedule.Finish(Result(trial.TrialId, 0.5));
        }

        _schedule.Finish(Result(Plan.Listed()[0].TrialId, 0.99));

        Assert.True(_schedule.IsFinished);
        Assert.Equal((5, 0), (_schedule.Status().Completed, _schedule.Status().Queued));
        Assert.NotEqual(0.99, _schedule.Status().BestMetric);
    }

    [Fact]
    public void Losing_a_worker_fills_the_free_slots_of_the_others()
    {
        _schedule.Register("a", "node-a", slots: 2, held: []);
        _schedule.Register("b", "node-b", slots: 3, held: []);
        _schedule.Assign("a", 2);
        _schedule.Assign("b", 1);

        WorkerLoss<string> loss = _schedule.WorkerLost("a")!;

        Assert.Equal(2, loss.Assignments["b"].Count);
        Assert.Equal(2, _schedule.Queued);
        Assert.Null(_schedule.WorkerLost("a"));
    }

    [Fact]
    public void A_tie_for_best_goes_to_the_lower_test_cost_then_the_smaller_id_as_in_sweep_best()
    {
        string first = Plan.Listed()[4].TrialId;
        string second = Plan.Listed()[1].TrialId;
        string third = Plan.Listed()[0].TrialId;

        _schedule.Finish(Result(first, 0.9));
        _schedule.Finish(Result(second, 0.9) with { TestCost = 0.2 });
        string? lowerCost = _schedule.Status().BestTrialId;
        _schedule.Finish(Result(third, 0.9) with { TestCost = 0.2 });

        Assert.Equal(second, lowerCost);
        Assert.Equal(string.CompareOrdinal(third, second) < 0 ? third : second, _schedule.Status().BestTrialId);
    }

    [Fact]
    public void A_finished_trial_is_ranked_but_its_result_with_curves_and_model_is_not_held()
    {
        string trialId = Plan.Listed()[2].TrialId;

        WeakReference result = FinishWithCurvesAndModel(trialId, testAccuracy: 0.8);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(result.IsAlive, "the schedule still holds the finished trial's whole result");
        Assert.Equal((trialId, 0.8), (_schedule.Status().BestTrialId, _schedule.Status().BestMetric));
    }

    [Theory]
    [InlineData(TrialMetrics.TestRmse, 0.5)]
    [InlineData(TrialMetrics.TestR2, 0.9)]
    public void A_regression_sweep_ranks_by_the_metrics_the_leaderboard_keeps(string metric, double best)
    {
        var schedule = new SweepSchedule<string>(Plan with { Metric = metric, HigherIsBetter = TrialMetrics.IsHigherBetter(metric) }, _time);
        schedule.Load([], []);
        string[] ids = [.. Plan.Listed().Take(2).Select(t => t.TrialId)];

        schedule.Finish(Result(ids[0], 0) with { TestAccuracy = null, TestRmse = 0.9, TestR2 = 0.2 });
        schedule.Finish(Result(ids[1], 0) with { TestAccuracy = null, TestRmse = 0.5, TestR2 = 0.9 });

        Assert.Equal((ids[1], best), (schedule.Status().BestTrialId, schedule.Status().BestMetric));
    }

    /// <summary>Finishes the trial with a result the size of a real one and returns a weak reference to that result.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private WeakReference FinishWithCurvesAndModel(string trialId, double testAccuracy)
    {
        TrialResult result = Result(trialId, testAccuracy) with
        {
            CostCurve = [.. Enumerable.Range(0, 31).Select(i => new CostPoint(i * 1000, 0.7 / (i + 1)))],
            LayerNorms = [.. Enumerable.Range(0, 31).Select(i => new LayerNormsPoint(i * 1000, [1, 2, 3], [0.1, 0.2, 0.3]))],
            ModelJson = new string('w', 10_000),
        };
        _schedule.Finish(result);
        return new WeakReference(result);
    }

    private static TrialResult Result(string trialId, double testAccuracy) => new()
    {
        TrialId = trialId,
        Sweep = Plan.Name,
        SweepFileHash = Plan.FileHash,
        Status = TrialResultStatus.Completed,
        TestAccuracy = testAccuracy,
        TestCost = 0.3,
    };
}
