using System.Text.Json.Nodes;
using Sweep.Domain;

namespace Sweep.Insight.Report.Charts;

/// <summary>Each trial as a bar from its start to its finish on the node that ran it, coloured by status (Optuna's timeline).</summary>
public sealed class Timeline : IReportChart
{
    public string Id => "timeline";

    public string Title => "Timeline of trials per node";

    public string Guide => "Each trial from its start to its finish on the node that ran it (a row per slot where the node ran several at once), coloured by status: gaps show idle workers, long bars slow configurations, a cluster of red a stretch of diverging settings.";

    public ChartFigure Draw(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var timed = data.Trials.Where(t => t.FinishedAt > DateTimeOffset.MinValue && t.StartedAt > DateTimeOffset.MinValue).ToList();
        if (timed.Count == 0)
        {
            return ChartFigure.Skipped("No trial recorded when it ran.");
        }

        var sample = data.Sample(timed);
        IReadOnlyDictionary<string, string> lanes = Lanes(sample);
        var traces = new JsonArray();
        foreach (string status in TrialResultStatus.All)
        {
            var trials = sample.Where(t => t.Status == status).OrderBy(t => t.StartedAt).ToList();
            if (trials.Count == 0)
            {
                continue;
            }

            // One line trace per status, its bars separated by nulls: thousands of bars cost one trace, not thousands.
            var x = new JsonArray();
            var y = new JsonArray();
            var text = new JsonArray();
            foreach (TrialResult trial in trials)
            {
                string node = lanes[trial.TrialId];
                string label = $"{trial.TrialId} {status} {trial.DurationMs / 1000:0.##} s";
                x.Add(Json.Time(trial.StartedAt));
                x.Add(Json.Time(trial.FinishedAt));
                x.Add(null);
                y.Add(node);
                y.Add(node);
                y.Add(null);
                text.Add(label);
                text.Add(label);
                text.Add(null);
            }

            traces.Add(new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = "lines+markers",
                ["name"] = status,
                ["x"] = x,
                ["y"] = y,
                ["text"] = text,
                ["hoverinfo"] = "text",
                ["line"] = new JsonObject { ["width"] = 8, ["color"] = Palette.OfStatus(status) },
                ["marker"] = new JsonObject { ["size"] = 3, ["color"] = Palette.OfStatus(status) },
            });
        }

        int nodes = lanes.Values.Distinct(StringComparer.Ordinal).Count();
        var yaxis = Json.Axis("node (and slot, where a node ran trials at once)");
        yaxis["automargin"] = true;
        yaxis["type"] = "category";
        var xaxis = Json.Axis("time (UTC)");
        xaxis["type"] = "date";
        return ChartFigure.Of(traces, Json.Layout(xaxis, yaxis, height: Math.Min(900, 200 + 40 * nodes)),
            data.SampleWords(sample.Count, timed.Count).Trim() is { Length: > 0 } words ? words : null);
    }

    /// <summary>
    /// The row of each trial: its node, or "node #k" when the node ran trials at once (<c>--slots</c>), each trial in
    /// the first of the node's rows that is free when it starts, so that bars never hide one another.
    /// </summary>
    private static Dictionary<string, string> Lanes(IReadOnlyList<TrialResult> trials)
    {
        var lanes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in trials.GroupBy(t => t.Node.Length > 0 ? t.Node : "(unknown)", StringComparer.Ordinal))
        {
            var freeAt = new List<DateTimeOffset>();
            var assigned = new List<(string TrialId, int Lane)>();
            foreach (TrialResult trial in node.OrderBy(t => t.StartedAt).ThenBy(t => t.TrialId, StringComparer.Ordinal))
            {
                int lane = freeAt.FindIndex(free => free <= trial.StartedAt);
                if (lane < 0)
                {
                    lane = freeAt.Count;
                    freeAt.Add(trial.FinishedAt);
                }
                else
                {
                    freeAt[lane] = trial.FinishedAt;
                }

                assigned.Add((trial.TrialId, lane));
            }

            foreach (var (trialId, lane) in assigned)
            {
                lanes[trialId] = freeAt.Count == 1 ? node.Key : $"{node.Key} #{lane + 1}";
            }
        }

        return lanes;
    }
}
