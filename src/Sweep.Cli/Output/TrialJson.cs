using System.Text.Json;
using System.Text.Json.Nodes;
using Sweep.Storage;
using Sweep.Domain;

namespace Sweep.Cli.Output;

/// <summary>Trials as JSON objects with snake_case keys, for scripts.</summary>
internal static class TrialJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
    };

    /// <summary>Every stored field but the model (<c>has_model</c> says whether one is stored); curves only when asked.</summary>
    public static JsonObject ToJson(TrialResult trial, bool withCurves)
    {
        var json = (JsonObject)JsonSerializer.SerializeToNode(trial, Options)!;
        json.Remove("model_json");
        // Listings load trials without their models; every completed trial has one stored.
        json["has_model"] = trial.ModelJson is not null || trial.Status == TrialResultStatus.Completed;
        if (!withCurves)
        {
            json.Remove("cost_curve");
            json.Remove("layer_norms");
        }

        return json;
    }

    public static string Array(IEnumerable<TrialResult> trials, bool withCurves) =>
        new JsonArray([.. trials.Select(t => (JsonNode)ToJson(t, withCurves))]).ToJsonString(Options);
}
