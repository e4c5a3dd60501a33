using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit;
using Sweep.Domain;
using Sweep.Protocol.Datasets;
using Sweep.Protocol.Messages.Commands;
using Sweep.Protocol.Messages.Queries;
using Sweep.Runtime.Actors;

namespace Sweep.Runtime.Tests.Actors;

/// <summary>A worker against a probe that plays its coordinator, with every message serialized.</summary>
public sealed class WorkerActorTests(ITestOutputHelper output) : SweepTestKit(output, RuntimeFixtures.Plan(3))
{
    [Fact]
    public void A_worker_registers_its_prefetch_and_a_trial_handed_beyond_its_slots_waits_for_the_slot_to_free()
    {
        TestProbe coordinator = CreateTestProbe();
        coordinator.IgnoreMessages(message => message is RequestWork);
        var worker = Sys.ActorOf(WorkerActor.Props(coordinator.Ref, slots: 1, node: "probe-worker"));
        var register = coordinator.ExpectMsg<RegisterWorker>(TimeSpan.FromSeconds(10));
        coordinator.IgnoreMessages(message => message is RegisterWorker or RequestWork);

        coordinator.Send(worker, Plan.Assign(Plan.Listed()[0], attempt: 1));
        coordinator.Send(worker, Plan.Assign(Plan.Listed()[1], attempt: 1));
        coordinator.ExpectMsg<FetchDataset>(TimeSpan.FromSeconds(10));
        coordinator.Reply(Serve());
        // Each trial actor delivers its own result, so they may arrive in either order: the slot ran them in turn.
        var results = new[] { coordinator.ExpectMsg<StoreTrialResult>(TimeSpan.FromSeconds(30)).Result, coordinator.ExpectMsg<StoreTrialResult>(TimeSpan.FromSeconds(30)).Result };
        var first = results.MinBy(r => r.StartedAt)!;
        var second = results.MaxBy(r => r.StartedAt)!;

        Assert.Equal((1, WorkerActor.Prefetch), (register.Slots, register.Prefetch));
        Assert.Equal([Plan.Listed()[0].TrialId, Plan.Listed()[1].TrialId], new[] { first.TrialId, second.TrialId });
        Assert.True(second.StartedAt >= first.FinishedAt, $"the second trial started at {second.StartedAt:O}, before the first finished at {first.FinishedAt:O}");
    }

    [Fact]
    public void A_worker_beside_its_coordinator_trains_on_the_coordinators_data_set_without_fetching_it()
    {
        TestProbe coordinator = CreateTestProbe();
        coordinator.IgnoreMessages(message => message is RegisterWorker or RequestWork);
        var worker = Sys.ActorOf(WorkerActor.Props(coordinator.Ref, slots: 1, node: "beside", localData: (Plan.DatasetKey, Plan.Data)));

        coordinator.Send(worker, Plan.Assign(Plan.Listed()[0], attempt: 1));
        // The next message is the result: a fetch of the data set would come first.
        var result = coordinator.ExpectMsg<StoreTrialResult>(TimeSpan.FromSeconds(30)).Result;

        Assert.Equal(Plan.Listed()[0].TrialId, result.TrialId);
        Assert.Equal(TrialResultStatus.Completed, result.Status);
    }

    /// <summary>The plan's data set as the coordinator would send it.</summary>
    private FetchDatasetResponse Serve()
    {
        ISourceRef<byte[]> chunks = Source.From(DatasetChunks.Of(Plan.Data, chunkBytes: 4096))
            .RunWith(StreamRefs.SourceRef<byte[]>(), Sys.Materializer()).Result;
        return new FetchDatasetResponse(Plan.DatasetKey, DatasetLayout.Of(Plan.Data), chunks);
    }
}
