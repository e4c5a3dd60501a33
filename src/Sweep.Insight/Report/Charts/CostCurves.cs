using System.Text.Json.Nodes;
using Sweep.Domain;

namespace Sweep.Insight.Report.Charts;

/// <summary>The cost curves of the 10 best trials and of up to 10 failing ones (Optuna's intermediate values).</summary>
public sealed class CostCurves : IReportChart
{
    public const int Best = 10;
    public const int Failing = 10;

    public string Id => "cost-curves";

    public string Title => "Cost curves";

    public string Guide => $"The training cost of the {Best} best trials (solid) and of up to {Failing} failing ones (dotted) on a log axis: a curve that flattens high never learned, one that shoots up or stops diverged.";

    public ChartFigure Draw(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var best = data.Ranked.Take(Best).Where(t => t.CostCurve.Count > 0).ToList();
        var failing = data.Trials.Where(t => ReportData.IsFailing(t) && t.CostCurve.Count > 0)
            .OrderBy(t => t.TrialId, StringComparer.Ordinal).Take(Failing).ToList();
        if (best.Count + failing.Count == 0)
        {
            return ChartFigure.Skipped("No trial recorded a cost curve.");
        }

        var traces = best.Select((t, i) => Curve(t, $"#{i + 1} {Short(t)}", "solid"))
            .Concat(failing.Select(t => Curve(t, $"{t.Status} {Short(t)}", "dot")));
        return ChartFigure.Of(Json.Array(traces), Json.Layout(Json.Axis("iteration"), Json.Axis("cost", log: true), height: 460));
    }

    internal static string Short(TrialResult trial) => trial.TrialId.Length > 8 ? trial.TrialId[..8] : trial.TrialId;

    private static JsonObject Curve(TrialResult trial, string name, string dash) => new()
    {
        ["type"] = "scatter",
        ["mode"] = "lines",
        ["name"] = name,
        ["x"] = Json.Numbers(trial.CostCurve.Select(p => (double)p.Iteration)),
        ["y"] = Json.Array(trial.CostCurve.Select(p => Json.Positive(p.Cost))),
        ["line"] = dash == "solid" ? new JsonObject { ["dash"] = dash } : new JsonObject { ["dash"] = dash, ["color"] = Palette.OfStatus(trial.Status) },
        ["hovertext"] = trial.TrialId + " " + string.Join(", ", trial.Parameters.Select(p => $"{p.Key}={p.Value}")),
    };
}
