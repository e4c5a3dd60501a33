using System.Runtime.Serialization;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sweep.Runtime.Hosting;
using Sweep.Protocol.Messages.Commands;
using Sweep.Protocol.Messages.Queries;
using Sweep.Protocol.Datasets;
using Sweep.Protocol.Serialization;
using Sweep.Training.Data;
using Sweep.Training.Data.Tabular;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace Sweep.Runtime.Tests.Cluster;

public sealed class SerializerTests : IDisposable
{
    private const int NewtonsoftJsonSerializerId = 1;
    private readonly ActorSystem _system = ActorSystem.Create("serializer-test");

    [Fact]
    public void A_protocol_message_round_trips_through_its_manifest()
    {
        var serializer = new SweepMessageSerializer((ExtendedActorSystem)_system);
        var message = new RegisterWorker("node-a", 3, ["0123456789abcdef", "fedcba9876543210"]);

        object back = serializer.FromBinary(serializer.ToBinary(message), serializer.Manifest(message));

        Assert.Equal(message, back);
    }

    [Fact]
    public async Task A_data_set_layout_crosses_the_wire_with_its_encoding_and_notes()
    {
        var serializer = new SweepMessageSerializer((ExtendedActorSystem)_system);
        var train = new Dataset([1.0, 2.0, 0.0, 1.0], 2, [10.5, 20.25], ["age", "sex=2"]);
        var encoding = new TableEncoding("progression", [new ColumnEncoding("age", null, 1.5, false), new ColumnEncoding("sex", ["2"], null, false)]);
        DatasetLayout layout = DatasetLayout.Of(new DatasetSplit(train, train) { Encoding = encoding, Notes = "notes" });
        ISourceRef<byte[]> chunks = await Source.Single(new byte[] { 0 }).RunWith(StreamRefs.SourceRef<byte[]>(), _system.Materializer());
        var message = new FetchDatasetResponse("key", layout, chunks);

        var back = (FetchDatasetResponse)serializer.FromBinary(serializer.ToBinary(message), serializer.Manifest(message));

        Assert.True(back.Layout.IsRegression);
        Assert.Equal(layout.Sha256, back.Layout.Sha256);
        Assert.Equal("notes", back.Layout.Notes);
        Assert.Equal("progression", back.Layout.Encoding!.Label);
        Assert.Equal(encoding.Columns.Select(c => (c.Name, c.Fill, c.Width)), back.Layout.Encoding.Columns.Select(c => (c.Name, c.Fill, c.Width)));
        Assert.Equal(["2"], back.Layout.Encoding.Columns[1].Categories);
    }

    [Fact]
    public void A_type_outside_the_protocol_is_refused_both_ways()
    {
        var serializer = new SweepMessageSerializer((ExtendedActorSystem)_system);

        Assert.Throws<SerializationException>(() => serializer.ToBinary(new Uri("http://example.invalid")));
        Assert.Throws<SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "System.Uri"));
    }

    [Fact]
    public async Task A_strict_node_has_no_serializer_that_reads_a_type_outside_the_protocol()
    {
        using IHost node = SweepNodeHost.Build(new SweepNodeOptions { WorkerSlots = 1 });
        await node.StartAsync(TestContext.Current.CancellationToken);
        var serialization = node.Services.GetRequiredService<ActorSystem>().Serialization;

        Assert.IsType<SweepMessageSerializer>(serialization.FindSerializerForType(typeof(Uri)));
        // What a peer would send for Akka's default JSON serializer (id 1), which reads whatever type it is told.
        Assert.Throws<SerializationException>(() => serialization.Deserialize("\"text\""u8.ToArray(), NewtonsoftJsonSerializerId, "System.String"));
        await node.StopAsync(TestContext.Current.CancellationToken);
    }

    public void Dispose() => _system.Terminate().Wait();
}
