using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit;
using Sweep.Protocol.Datasets;
using Sweep.Protocol.Messages.Commands;
using Sweep.Protocol.Messages.Queries;
using Sweep.Runtime.Actors;
using Sweep.Training.Data;

namespace Sweep.Runtime.Tests.Actors;

/// <summary>
/// A data set on its way between the coordinator and a worker, through a stream reference, with every message
/// serialized: the coordinator against a probe that reads the stream, a worker against a probe that serves it.
/// </summary>
public sealed class DatasetTransferTests(ITestOutputHelper output) : SweepTestKit(output, RuntimeFixtures.Plan(2))
{
    [Fact]
    public async Task The_coordinator_streams_its_data_set_in_chunks_that_assemble_into_the_same_arrays()
    {
        TestProbe worker = CreateTestProbe();

        worker.Send(Coordinator, new FetchDataset(Plan.DatasetKey));
        var response = worker.ExpectMsg<FetchDatasetResponse>(TimeSpan.FromSeconds(10));
        using var assembly = new DatasetAssembly(response.Layout);
        await response.Chunks.Source.RunForeach(assembly.Add, Sys.Materializer()).WaitAsync(TimeSpan.FromSeconds(20));
        DatasetSplit received = assembly.Complete();

        Assert.Equal(Plan.Data.Train.Features, received.Train.Features);
        Assert.Equal(Plan.Data.Test.Labels, received.Test.Labels);
        Assert.Equal(DatasetLayout.Of(Plan.Data).Sha256, response.Layout.Sha256);
    }

    [Fact]
    public void The_coordinator_answers_a_request_for_another_data_set_in_words()
    {
        TestProbe worker = CreateTestProbe();

        worker.Send(Coordinator, new FetchDataset("0123456789abcdef-not-this-sweeps"));

        var refused = worker.ExpectMsg<DatasetUnavailable>(TimeSpan.FromSeconds(10));
        Assert.Equal($"this coordinator runs sweep 'test-sweep', whose data set is {Plan.DatasetKey}, not 0123456789ab", refused.Reason);
    }

    [Fact]
    public void A_worker_that_receives_damaged_data_says_so_asks_again_and_trains_on_the_data_that_arrives_whole()
    {
        TestProbe coordinator = CreateTestProbe();
        coordinator.IgnoreMessages(message => message is RegisterWorker or RequestWork);
        var worker = Sys.ActorOf(WorkerActor.Props(coordinator.Ref, slots: 1, node: "probe-worker"));
        coordinator.Send(worker, Plan.Assign(Plan.Listed()[0], attempt: 1));
        coordinator.ExpectMsg<FetchDataset>(TimeSpan.FromSeconds(10));

        EventFilter.Warning(contains: "did not arrive (the transfer failed: the data arrived damaged").ExpectOne(TimeSpan.FromSeconds(10), () =>
            coordinator.Reply(Serve(chunk => chunk[0] == 0 ? [.. chunk[..^1], (byte)(chunk[^1] ^ 1)] : chunk)));
        coordinator.ExpectMsg<FetchDataset>(TimeSpan.FromSeconds(10));
        coordinator.Reply(Serve(chunk => chunk));

        var result = coordinator.ExpectMsg<StoreTrialResult>(TimeSpan.FromSeconds(30));
        Assert.Equal(Plan.Listed()[0].TrialId, result.Result.TrialId);
    }

    /// <summary>The plan's data set as the coordinator would send it, each chunk passed through <paramref name="onTheWay"/>.</summary>
    private FetchDatasetResponse Serve(Func<byte[], byte[]> onTheWay)
    {
        ISourceRef<byte[]> chunks = Source.From(DatasetChunks.Of(Plan.Data, chunkBytes: 4096)).Select(onTheWay)
            .RunWith(StreamRefs.SourceRef<byte[]>(), Sys.Materializer()).Result;
        return new FetchDatasetResponse(Plan.DatasetKey, DatasetLayout.Of(Plan.Data), chunks);
    }
}
