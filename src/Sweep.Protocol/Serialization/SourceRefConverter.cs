using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Serialization;

namespace Sweep.Protocol.Serialization;

/// <summary>
/// A stream reference inside a protocol message, written by Akka.Streams' own serializer (it names the actor at the
/// stream's origin) and read back only through that serializer, so a peer cannot pass another type off as one.
/// </summary>
internal sealed class SourceRefConverter(ExtendedActorSystem system) : JsonConverter<ISourceRef<byte[]>>
{
    private StreamRefSerializer? _serializer;

    public override ISourceRef<byte[]> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var reference = JsonSerializer.Deserialize<SerializedReference>(ref reader, options)
            ?? throw new SerializationException("a stream reference that is null");
        return StreamRefSerializer().FromBinary(reference.Bytes, reference.Manifest) as ISourceRef<byte[]>
            ?? throw new SerializationException($"'{reference.Manifest}' is not a reference to a stream of byte chunks");
    }

    public override void Write(Utf8JsonWriter writer, ISourceRef<byte[]> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        StreamRefSerializer serializer = StreamRefSerializer();
        JsonSerializer.Serialize(writer, new SerializedReference(serializer.Manifest(value), serializer.ToBinary(value)), options);
    }

    private StreamRefSerializer StreamRefSerializer() => _serializer ??= new StreamRefSerializer(system);

    private sealed record SerializedReference(string Manifest, byte[] Bytes);
}
