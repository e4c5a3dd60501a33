using System.Collections.Frozen;
using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;
using Sweep.Protocol.Messages.Commands;
using Sweep.Protocol.Messages.Events;
using Sweep.Protocol.Messages.Queries;

namespace Sweep.Protocol.Serialization;

/// <summary>
/// System.Text.Json with short, stable string manifests for the protocol's messages. Only the types listed here
/// are written or read: any other type, and any unknown manifest, is refused, so a peer cannot make this node
/// deserialize a type of its choosing.
/// </summary>
public sealed class SweepMessageSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>
    /// The constructor Akka calls when it finds settings under the serializer's name: it does for "json", whose place
    /// this serializer takes so that nothing outside the protocol is ever read (see WithSweepSerialization).
    /// </summary>
    public SweepMessageSerializer(ExtendedActorSystem system, Akka.Configuration.Config settings)
        : this(system)
    {
        ArgumentNullException.ThrowIfNull(settings);
    }

    /// <summary>Above 100, as Akka.NET reserves the lower identifiers for its own serializers.</summary>
    public const int SerializerIdentifier = 717;

    private static readonly FrozenDictionary<Type, string> ManifestByType = new Dictionary<Type, string>
    {
        [typeof(RegisterWorker)] = "rw",
        [typeof(RequestWork)] = "rq",
        [typeof(AssignTrial)] = "at",
        [typeof(StoreTrialResult)] = "st",
        [typeof(TrialResultStored)] = "ts",
        [typeof(SweepCompleted)] = "sc",
        [typeof(FetchDataset)] = "fd",
        [typeof(FetchDatasetResponse)] = "fdr",
        [typeof(DatasetUnavailable)] = "du",
        [typeof(FetchSweepStatus)] = "fs",
        [typeof(FetchSweepStatusResponse)] = "fsr",
        [typeof(AwaitSweepEnd)] = "ae",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, Type> TypeByManifest =
        ManifestByType.ToFrozenDictionary(pair => pair.Value, pair => pair.Key);

    private readonly JsonSerializerOptions _jsonOptions = new(JsonSerializerDefaults.General)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new SourceRefConverter(system) },
    };

    /// <summary>Every message type this serializer carries.</summary>
    public static IReadOnlyCollection<Type> MessageTypes => ManifestByType.Keys;

    public override int Identifier => SerializerIdentifier;

    public override string Manifest(object o) =>
        ManifestByType.TryGetValue(o.GetType(), out string? manifest)
            ? manifest
            : throw new SerializationException($"{o.GetType().FullName} is not a message of the Sweep protocol and is never sent between nodes");

    public override byte[] ToBinary(object obj) =>
        JsonSerializer.SerializeToUtf8Bytes(obj, TypeOf(Manifest(obj)), _jsonOptions);

    public override object FromBinary(byte[] bytes, string manifest) =>
        JsonSerializer.Deserialize(bytes, TypeOf(manifest), _jsonOptions)
            ?? throw new SerializationException($"an empty '{manifest}' message");

    private static Type TypeOf(string manifest) =>
        TypeByManifest.TryGetValue(manifest, out Type? type)
            ? type
            : throw new SerializationException($"unknown message manifest '{manifest}': not part of the Sweep protocol");
}
