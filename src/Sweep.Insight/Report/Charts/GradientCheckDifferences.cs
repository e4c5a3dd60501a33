using System.Text.Json.Nodes;
using Sweep.Domain;

namespace Sweep.Insight.Report.Charts;

/// <summary>Each trial's gradient-check difference, coloured by status, on a log axis.</summary>
public sealed class GradientCheckDifferences : IReportChart
{
    public string Id => "gradient-check";

    public string Title => "Gradient-check differences";

    public string Guide => "||g - g_approx|| / (||g|| + ||g_approx||) of each trial's gradient check before training, log axis: around 1e-7 or below backpropagation agrees with the numeric gradient, far above it (orange) something is wrong with the gradient.";

    public ChartFigure Draw(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var checkedTrials = data.ByFinish.Select((t, i) => (Trial: t, Order: i + 1))
            .Where(p => p.Trial.GradcheckDifference is { } d && double.IsFinite(d)).ToList();
        if (checkedTrials.Count == 0)
        {
            return ChartFigure.Skipped("No trial ran a gradient check (gradient_check.enabled is false).");
        }

        var sampledIds = data.Sample(checkedTrials.Select(p => p.Trial)).Select(t => t.TrialId).ToHashSet(StringComparer.Ordinal);
        var shown = checkedTrials.Where(p => sampledIds.Contains(p.Trial.TrialId)).ToList();
        var traces = TrialResultStatus.All.Select(status => (Status: status, Points: shown.Where(p => p.Trial.Status == status).ToList()))
            .Where(s => s.Points.Count > 0)
            .Select(s => (JsonNode)new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = "markers",
                ["name"] = s.Status,
                ["x"] = Json.Numbers(s.Points.Select(p => (double)p.Order)),
                // A difference of exactly 0 (a zero gradient agreeing with itself) sits at the axis floor rather than vanishing.
                ["y"] = Json.Numbers(s.Points.Select(p => Math.Max(p.Trial.GradcheckDifference!.Value, 1e-20))),
                ["text"] = Json.Strings(s.Points.Select(p => p.Trial.GradcheckWorst is { } worst ? $"{p.Trial.TrialId} worst {worst}" : p.Trial.TrialId)),
                ["marker"] = new JsonObject { ["size"] = 6, ["color"] = Palette.OfStatus(s.Status) },
            });
        return ChartFigure.Of(Json.Array(traces), Json.Layout(Json.Axis("trial, in the order trials finished"), Json.Axis("difference", log: true)),
            data.SampleWords(shown.Count, checkedTrials.Count).Trim() is { Length: > 0 } words ? words : null);
    }
}
