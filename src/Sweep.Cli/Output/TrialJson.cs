using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Sweep.Domain;

namespace Sweep.Cli.Output;

/// <summary>
/// Trials as JSON objects with snake_case keys, for scripts: every stored field but the model, then <c>has_model</c>
/// (whether one is stored); the cost curve and layer norms only when asked for. The fields are chosen on the
/// serializer's contract (<see cref="TrialJsonContext"/>), so that a listing of 20,000 trials is written straight out rather
/// than built as a tree first.
/// </summary>
internal static class TrialJson
{
    private static readonly JsonSerializerOptions WithCurves = OptionsWithout("model_json");

    private static readonly JsonSerializerOptions WithoutCurves = OptionsWithout("model_json", "cost_curve", "layer_norms");

    public static JsonObject ToJson(TrialResult trial, bool withCurves) =>
        (JsonObject)JsonSerializer.SerializeToNode(trial, Contract<TrialResult>(withCurves))!;

    /// <summary>The trials as one JSON array on standard output, written as it is made (20,000 trials are 35 MB of it).</summary>
    public static void WriteArray(IReadOnlyList<TrialResult> trials, bool withCurves)
    {
        Console.Out.Flush();
        using Stream output = Console.OpenStandardOutput();
        JsonSerializer.Serialize(output, trials, Contract<IReadOnlyList<TrialResult>>(withCurves));
        output.Write("\n"u8);
    }

    private static JsonTypeInfo<T> Contract<T>(bool withCurves) => (JsonTypeInfo<T>)(withCurves ? WithCurves : WithoutCurves).GetTypeInfo(typeof(T));

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "has_model is a bool, whose converter is built in: nothing is generated or looked up by reflection.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "has_model is a bool, whose converter is built in: nothing is generated or looked up by reflection.")]
    private static JsonSerializerOptions OptionsWithout(params string[] left)
    {
        IJsonTypeInfoResolver resolver = TrialJsonContext.Default.WithAddedModifier(contract =>
        {
            if (contract.Type != typeof(TrialResult))
            {
                return;
            }

            foreach (JsonPropertyInfo property in contract.Properties.Where(p => left.Contains(p.Name)).ToList())
            {
                contract.Properties.Remove(property);
            }

            JsonPropertyInfo hasModel = contract.CreateJsonPropertyInfo(typeof(bool), "has_model");
            // Listings load trials without their models; every completed trial has one stored.
            hasModel.Get = trial => ((TrialResult)trial).ModelJson is not null || ((TrialResult)trial).Status == TrialResultStatus.Completed;
            contract.Properties.Add(hasModel);
        });
        return new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            WriteIndented = true,
            TypeInfoResolver = resolver,
        };
    }
}
