using System.Runtime.Serialization;
using Akka.Actor;
using Sweep.Protocol.Messages.Commands;
using Sweep.Protocol.Serialization;

namespace Sweep.Runtime.Tests.Cluster;

public sealed class SerializerTests : IDisposable
{
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
    public void A_type_outside_the_protocol_is_refused_both_ways()
    {
        var serializer = new SweepMessageSerializer((ExtendedActorSystem)_system);

        Assert.Throws<SerializationException>(() => serializer.ToBinary(new Uri("http://example.invalid")));
        Assert.Throws<SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "System.Uri"));
    }

    public void Dispose() => _system.Terminate().Wait();
}
