using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Sweep.Cli.Tests.Search;

/// <summary>
/// The trials of a store as <c>sweep trials --json</c> prints them, and the comparison of two runs' trials: everything
/// but where, when and how often a trial ran must be the same.
/// </summary>
internal sealed class StoredTrials
{
    /// <summary>What a run decides about a trial but the trial does not: all else is its settings and its results.</summary>
    private static readonly string[] RunSpecific = ["node", "started_at", "finished_at", "duration_ms", "attempts"];

    private StoredTrials(string run, JsonArray trials)
    {
        Run = run;
        All = [.. trials.Select(t => t!.AsObject())];
        ById = All.ToDictionary(t => (string)t["trial_id"]!, StringComparer.Ordinal);
    }

    /// <summary>What the run was (<c>run --slots 1</c>, ...), for messages.</summary>
    public string Run { get; }

    public IReadOnlyList<JsonObject> All { get; }

    public IReadOnlyDictionary<string, JsonObject> ById { get; }

    public static StoredTrials Read(string run, string folder, string db) => new(run, SweepProcess.Json(folder, "trials", "--db", db));

    /// <summary>
    /// Asserts that <paramref name="actual"/> holds exactly the trials of <paramref name="expected"/>: the same ids, and
    /// for each the same settings, parameters, configuration and results. Doubles are compared as the JSON prints
    /// them, the shortest text that reads back as the same double, so equal text is the same double bit for bit.
    /// The message names each trial that differs and its configuration's place in each run's start order (with one
    /// slot, the order in which the strategy proposed the configurations).
    /// </summary>
    public static void AssertSame(StoredTrials expected, StoredTrials actual)
    {
        var problems = new List<(int Index, string Text)>();
        foreach (string id in expected.ById.Keys.Union(actual.ById.Keys).Order(StringComparer.Ordinal))
        {
            JsonObject? e = expected.ById.GetValueOrDefault(id);
            JsonObject? a = actual.ById.GetValueOrDefault(id);
            if (a is null)
            {
                problems.Add((expected.StartIndex(e!), $"  only in {expected.Run}: {expected.Describe(e!)}"));
                continue;
            }

            if (e is null)
            {
                problems.Add((actual.StartIndex(a), $"  only in {actual.Run}: {actual.Describe(a)}"));
                continue;
            }

            string[] differing = [.. e.Select(p => p.Key).Union(a.Select(p => p.Key)).Except(RunSpecific).Where(key => Text(e, key) != Text(a, key))];
            if (differing.Length > 0)
            {
                var text = new StringBuilder($"  differs: {expected.Describe(e)}, index {actual.StartIndex(a)} in {actual.Run}");
                foreach (string key in differing)
                {
                    text.Append(CultureInfo.InvariantCulture, $"\n    {key}: {Text(e, key)} in {expected.Run}, {Text(a, key)} in {actual.Run}");
                }

                problems.Add((expected.StartIndex(e), text.ToString()));
            }
        }

        Assert.True(
            problems.Count == 0,
            $"the trials of {actual.Run} ({actual.All.Count}) are not those of {expected.Run} ({expected.All.Count}):\n"
            + string.Join("\n", problems.OrderBy(p => p.Index).Select(p => p.Text)));
    }

    private static string Text(JsonObject trial, string key) => trial[key]?.ToJsonString() ?? "(absent)";

    /// <summary>
    /// The run's configurations in the order their first trials started: with one slot and no restart (or any number
    /// of slots, as trials start in the order they were queued), the order the strategy proposed them in.
    /// </summary>
    public IReadOnlyList<string> ConfigurationsInStartOrder => StartOrder();

    /// <summary>The place (from 0) of a trial's configuration in <see cref="ConfigurationsInStartOrder"/>.</summary>
    private int StartIndex(JsonObject trial) => Array.IndexOf(StartOrder(), (string)trial["configuration_id"]!);

    private string[] StartOrder() =>
        [.. All.OrderBy(t => DateTimeOffset.Parse((string)t["started_at"]!, CultureInfo.InvariantCulture)).Select(t => (string)t["configuration_id"]!).Distinct()];

    private string Describe(JsonObject trial) =>
        $"trial {trial["trial_id"]} (configuration {trial["configuration_id"]}, index {StartIndex(trial)} in the start order of {Run}, "
        + $"seed {trial["seed"]}, parameters {trial["parameters"]!.ToJsonString()}, started {trial["started_at"]} on {trial["node"]}, "
        + $"{trial["status"]}, validation_accuracy {trial["validation_accuracy"]?.ToJsonString()})";
}
