using System.Text.Json.Serialization;
using Sweep.Domain;

namespace Sweep.Cli.Output;

/// <summary>
/// The serializer's contract for trials, generated at build time: a listing of 20,000 trials then reads every field
/// through generated accessors, where the reflection-based contract either compiled its accessors at the start of each
/// command or, as the queries run (<see cref="RuntimeCode"/>), called every getter through reflection.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(TrialResult))]
[JsonSerializable(typeof(IReadOnlyList<TrialResult>))]
internal sealed partial class TrialJsonContext : JsonSerializerContext;
