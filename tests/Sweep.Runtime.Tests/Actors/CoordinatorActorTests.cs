using Akka.Actor;
using Akka.TestKit;
using Sweep.Protocol.Messages.Commands;
using Sweep.Protocol.Messages.Events;
using Sweep.Protocol.Messages.Queries;
using Sweep.Storage;
using Sweep.Domain;

namespace Sweep.Runtime.Tests.Actors;

/// <summary>
/// The coordinator's protocol, driven by test probes standing in for workers, on a one-node cluster set up by the
/// production extension methods, with every message serialized.
/// </summary>
public sealed class CoordinatorActorTests(ITestOutputHelper output)
    : SweepTestKit(output, RuntimeFixtures.Plan(5) with { MaxAttempts = 2, AssignmentGrace = TimeSpan.FromMilliseconds(300) })
{
    [Fact]
    public void Coordinator_never_gives_a_worker_more_trials_than_its_free_slots()
    {
        TestProbe worker = Register("node-a", slots: 2);

        worker.Send(Coordinator, new RequestWork(5));
        worker.ExpectMsg<AssignTrial>(TimeSpan.FromSeconds(10));
        worker.ExpectMsg<AssignTrial>();
        worker.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        worker.Send(Coordinator, new RequestWork(2));
        worker.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void A_worker_that_delivers_short_trials_is_answered_with_its_next_trial_and_its_prefetch_and_no_more()
    {
        TestProbe worker = CreateTestProbe();
        worker.Send(Coordinator, new RegisterWorker("node-a", 1, [], Prefetch: 1));
        worker.Send(Coordinator, new RequestWork(2));
        AssignTrial first = worker.ExpectMsg<AssignTrial>(TimeSpan.FromSeconds(10));
        worker.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        worker.Send(Coordinator, new StoreTrialResult(Completed(first, 0.5) with { DurationMs = 1 }));
        var next = new[] { worker.ExpectMsg<AssignTrial>(TimeSpan.FromSeconds(10)), worker.ExpectMsg<AssignTrial>() };
        Assert.Equal(first.TrialId, worker.ExpectMsg<TrialResultStored>(TimeSpan.FromSeconds(10)).TrialId);
        worker.Send(Coordinator, new RequestWork(2));

        Assert.Equal([Plan.Name + "-trial-2", Plan.Name + "-trial-3"], next.Select(a => a.TrialId));
        worker.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Coordinator_requeues_trials_of_a_terminated_worker()
    {
        TestProbe first = Register("node-a", slots: 2);
        first.Send(Coordinator, new RequestWork(2));
        var taken = new[] { first.ExpectMsg<AssignTrial>(TimeSpan.FromSeconds(10)), first.ExpectMsg<AssignTrial>() };

        Sys.Stop(first.Ref);
        AwaitRequeued();
        TestProbe second = Register("node-b", slots: 2);
        second.Send(Coordinator, new RequestWork(2));
        var requeued = new[] { second.ExpectMsg<AssignTrial>(TimeSpan.FromSeconds(10)), second.ExpectMsg<AssignTrial>() };

        Assert.Equal(taken.Select(t => t.TrialId).Order(), requeued.Select(t => t.TrialId).Order());
        Assert.All(requeued, t => Assert.Equal(2, t.Attempt));
    }

    [Fact]
    public void Coordinator_marks_a_trial_failed_after_it_killed_its_worker_the_bounded_number_of_times()
    {
        string trialId = "";
        for (int attempt = 1; attempt <= Plan.MaxAttempts; attempt++)
        {
            TestProbe worker = Register($"node-{attempt}", slots: 1);
            worker.Send(Coordinator, new RequestWork(1));
            AssignTrial assigned = worker.ExpectMsg<AssignTrial>(TimeSpan.FromSeconds(10));
            Assert.True(attempt == 1 || assigned.TrialId == trialId, "a requeued trial goes to the front of the queue");
            trialId = assigned.TrialId;
            Assert.Equal(attempt, assigned.Attempt);
            Sys.Stop(worker.Ref);
            AwaitRequeued();
        }

        AwaitAssert(() =>
        {
            TrialResult? stored = Store.Get(trialId);
            Assert.NotNull(stored);
            Assert.Equal(TrialResultStatus.Failed, stored.Status);
            Assert.Equal(Plan.MaxAttempts, stored.Attempts);
        }, TimeSpan.FromSeconds(10));
        TestProbe next = Register("node-next", slots: 5);
        next.Send(Coordinator, new RequestWork(5));
        var rest = next.ReceiveN(4, TimeSpan.FromSeconds(10)).Cast<AssignTrial>();
        Assert.DoesNotContain(rest, t => t.TrialId == trialId);
    }

    [Fact]
    public void Coordinator_requeues_a_trial_that_its_worker_reports_it_no_longer_holds()
    {
        TestProbe worker = Register("node-a", slots: 2);
        worker.Send(Coordinator, new RequestWork(2));
        AssignTrial kept = worker.ExpectMsg<AssignTrial>(TimeSpan.FromSeconds(10));
        AssignTrial lost = worker.ExpectMsg<AssignTrial>();

        Thread.Sleep(Plan.AssignmentGrace * 2);
        worker.Send(Coordinator, new RegisterWorker("node-a", 2, [kept.TrialId]));
        worker.Send(Coordinator, new RequestWork(1));

        AssignTrial again = worker.ExpectMsg<AssignTrial>(TimeSpan.FromSeconds(10));
        Assert.Equal((lost.TrialId, 2), (again.TrialId, again.Attempt));
    }

    [Fact]
    public void Coordinator_does_not_requeue_a_trial_whose_assignment_may_still_be_on_its_way()
    {
        TestProbe worker = Register("node-a", slots: 2);
        worker.Send(Coordinator, new RequestWork(1));
        worker.ExpectMsg<AssignTrial>(TimeSpan.FromSeconds(10));

        worker.Send(Coordinator, new RegisterWorker("node-a", 2, []));
        worker.Send(Coordinator, new RequestWork(1));

        AssignTrial next = worker.ExpectMsg<AssignTrial>(TimeSpan.FromSeconds(10));
        Assert.Equal(1, next.Attempt);
        worker.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_queued_trial_that_a_joining_worker_already_trains_is_left_with_it()
    {
        string held = Plan.Listed()[2].TrialId;
        TestProbe worker = Register("node-a", slots: 5, held);

        worker.Send(Coordinator, new RequestWork(4));
        var assigned = worker.ReceiveN(4, TimeSpan.FromSeconds(10)).Cast<AssignTrial>().ToList();

        Assert.DoesNotContain(assigned, t => t.TrialId == held);
        var status = await Coordinator.Ask<FetchSweepStatusResponse>(FetchSweepStatus.Instance, TimeSpan.FromSeconds(5));
        Assert.Equal((5, 0), (status.Running, status.Queued));
    }

    [Fact]
    public void A_resent_result_is_acknowledged_again_and_stored_once()
    {
        TestProbe worker = Register("node-a", slots: 1);
        worker.Send(Coordinator, new RequestWork(1));
        AssignTrial assigned = worker.ExpectMsg<AssignTrial>(TimeSpan.FromSeconds(10));
        TrialResult first = Completed(assigned, testAccuracy: 0.75);

        worker.Send(Coordinator, new StoreTrialResult(first));
        // The result is answered with the next trial at once, and acknowledged once it is stored.
        Assert.NotEqual(assigned.TrialId, worker.ExpectMsg<AssignTrial>(TimeSpan.FromSeconds(10)).TrialId);
        Assert.Equal(assigned.TrialId, worker.ExpectMsg<TrialResultStored>(TimeSpan.FromSeconds(10)).TrialId);
        worker.Send(Coordinator, new StoreTrialResult(first with { TestAccuracy = 0.5 }));
        Assert.Equal(assigned.TrialId, worker.ExpectMsg<TrialResultStored>(TimeSpan.FromSeconds(10)).TrialId);

        IReadOnlyList<TrialResult> stored = Store.Trials(Plan.Name);
        Assert.Single(stored);
        Assert.Equal(0.75, stored[0].TestAccuracy);
    }

    [Fact]
    public void Status_counts_stored_running_and_queued_trials_and_names_the_best()
    {
        TestProbe worker = Register("node-a", slots: 2);
        worker.Send(Coordinator, new RequestWork(2));
        AssignTrial a = worker.ExpectMsg<AssignTrial>(TimeSpan.FromSeconds(10));
        worker.ExpectMsg<AssignTrial>();
        worker.Send(Coordinator, new StoreTrialResult(Completed(a, testAccuracy: 0.9)));
        worker.ExpectMsg<AssignTrial>(TimeSpan.FromSeconds(10));
        worker.ExpectMsg<TrialResultStored>(TimeSpan.FromSeconds(10));

        AwaitAssert(() =>
        {
            var status = Coordinator.Ask<FetchSweepStatusResponse>(FetchSweepStatus.Instance, TimeSpan.FromSeconds(5)).Result;
            Assert.Equal((5, 1, 2, 2), (status.Total, status.Completed, status.Running, status.Queued));
            Assert.Equal(a.TrialId, status.BestTrialId);
            Assert.Equal(new WorkerStatus("node-a", 2, 2), Assert.Single(status.Workers));
            Assert.False(status.Finished);
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Workers_are_told_when_every_trial_is_stored()
    {
        TestProbe worker = Register("node-a", slots: 5);
        worker.Send(Coordinator, new RequestWork(5));
        var assigned = worker.ReceiveN(5, TimeSpan.FromSeconds(10)).Cast<AssignTrial>().ToList();

        foreach (AssignTrial trial in assigned)
        {
            worker.Send(Coordinator, new StoreTrialResult(Completed(trial, 0.5)));
        }

        worker.FishForMessage(m => m is SweepCompleted, TimeSpan.FromSeconds(10));
        Assert.Equal(5, Store.StoredTrialIds(Plan.Name).Count);
    }

    [Fact]
    public void Awaiting_the_end_is_answered_when_the_last_result_is_stored_and_at_once_after()
    {
        TestProbe waiting = CreateTestProbe();
        waiting.Send(Coordinator, AwaitSweepEnd.Instance);
        TestProbe worker = Register("node-a", slots: 5);
        worker.Send(Coordinator, new RequestWork(5));
        var assigned = worker.ReceiveN(5, TimeSpan.FromSeconds(10)).Cast<AssignTrial>().ToList();

        foreach (AssignTrial trial in assigned.Take(4))
        {
            worker.Send(Coordinator, new StoreTrialResult(Completed(trial, 0.5)));
        }

        worker.FishForMessage(m => m is TrialResultStored stored && stored.TrialId == assigned[3].TrialId, TimeSpan.FromSeconds(10));
        waiting.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        worker.Send(Coordinator, new StoreTrialResult(Completed(assigned[4], 0.5)));

        var end = waiting.ExpectMsg<FetchSweepStatusResponse>(TimeSpan.FromSeconds(10));
        Assert.Equal((true, 5), (end.Finished, end.Completed));
        waiting.Send(Coordinator, AwaitSweepEnd.Instance);
        Assert.True(waiting.ExpectMsg<FetchSweepStatusResponse>(TimeSpan.FromSeconds(10)).Finished);
    }

    /// <summary>Waits until the coordinator has seen the stopped worker go and holds no running trial.</summary>
    private void AwaitRequeued() => AwaitAssert(() =>
    {
        var status = Coordinator.Ask<FetchSweepStatusResponse>(FetchSweepStatus.Instance, TimeSpan.FromSeconds(5)).Result;
        Assert.Equal((0, 0), (status.Running, status.Workers.Count));
    }, TimeSpan.FromSeconds(10));

    private TestProbe Register(string node, int slots, params string[] holding)
    {
        TestProbe worker = CreateTestProbe();
        worker.Send(Coordinator, new RegisterWorker(node, slots, holding));
        return worker;
    }

    private static TrialResult Completed(AssignTrial trial, double testAccuracy) => new()
    {
        TrialId = trial.TrialId,
        Sweep = trial.Sweep,
        SweepFileHash = trial.SweepFileHash,
        Status = TrialResultStatus.Completed,
        Parameters = trial.Parameters,
        TestAccuracy = testAccuracy,
        TrainAccuracy = testAccuracy,
        Node = "node-a",
        Attempts = trial.Attempt,
    };
}
