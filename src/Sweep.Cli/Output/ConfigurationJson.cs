using System.Text.Json;
using System.Text.Json.Nodes;
using Sweep.Search.Ranking;

namespace Sweep.Cli.Output;

/// <summary>Configurations as JSON objects with snake_case keys, for scripts: what <c>sweep best --json</c> gives with repeats.</summary>
internal static class ConfigurationJson
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static JsonObject ToJson(ConfigurationStanding configuration, string metric)
    {
        var first = configuration.Trials[0];
        IReadOnlyDictionary<string, string> settings = first.Settings.Count > 0 ? first.Settings : first.Parameters;
        var json = new JsonObject
        {
            ["configuration_id"] = configuration.ConfigurationId,
            ["metric"] = metric,
            ["metric_mean"] = configuration.Mean,
            ["metric_std"] = configuration.StandardDeviation,
            ["metric_worst"] = configuration.Worst,
            ["seeds_completed"] = configuration.SeedsCompleted,
            ["test_accuracy_mean"] = configuration.Trials.Any(t => t.TestAccuracy is not null)
                ? configuration.Trials.Where(t => t.TestAccuracy is not null).Average(t => t.TestAccuracy!.Value)
                : null,
            ["trial_ids"] = new JsonArray([.. configuration.Trials.Select(t => (JsonNode)JsonValue.Create(t.TrialId))]),
            ["seeds"] = new JsonArray([.. configuration.Trials.Select(t => (JsonNode)JsonValue.Create(t.Seed))]),
            ["parameters"] = new JsonObject(first.Parameters.Where(p => p.Key != SettingColumns.Seed)
                .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
            ["settings"] = new JsonObject(settings.Where(p => p.Key != SettingColumns.Seed)
                .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
        };
        return json;
    }

    public static string Array(IEnumerable<ConfigurationStanding> configurations, string metric) =>
        new JsonArray([.. configurations.Select(c => (JsonNode)ToJson(c, metric))]).ToJsonString(Options);
}
