using System.Text.Json.Nodes;
using Sweep.Domain;

namespace Sweep.Insight.Report.Charts;

/// <summary>The metric of each completed trial in the order trials finished, and the best so far (Optuna's history plot).</summary>
public sealed class OptimizationHistory : IReportChart
{
    public string Id => "optimization-history";

    public string Title => "Optimization history";

    public string Guide => "Each dot is a completed trial in the order trials finished, the line the best so far: a line that stops rising early means the rest of the sweep found nothing better.";

    public ChartFigure Draw(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var finished = data.ByFinish.Select((t, i) => (Trial: t, Order: i + 1, Value: data.MetricOf(t)))
            .Where(p => TrialRanking.Of(p.Trial, data.Metric) is not null).ToList();
        if (finished.Count == 0)
        {
            return ChartFigure.Skipped("No trial completed yet.");
        }

        // The best-so-far line over every trial, drawn only where it changes (a step line), so it costs a few points.
        var bestX = new List<double>();
        var bestY = new List<double>();
        double best = double.NaN;
        foreach (var point in finished)
        {
            double value = point.Value!.Value;
            if (double.IsNaN(best) || (data.HigherIsBetter ? value > best : value < best))
            {
                best = value;
                bestX.Add(point.Order);
                bestY.Add(value);
            }
        }

        bestX.Add(finished[^1].Order);
        bestY.Add(best);
        var sampledIds = data.Sample(finished.Select(p => p.Trial)).Select(t => t.TrialId).ToHashSet(StringComparer.Ordinal);
        var dots = finished.Where(p => sampledIds.Contains(p.Trial.TrialId)).ToList();
        var trials = new JsonObject
        {
            ["type"] = "scatter",
            ["mode"] = "markers",
            ["name"] = data.Metric,
            ["x"] = Json.Numbers(dots.Select(p => (double)p.Order)),
            ["y"] = Json.Numbers(dots.Select(p => p.Value)),
            ["text"] = Json.Strings(dots.Select(p => p.Trial.TrialId)),
            ["marker"] = new JsonObject { ["size"] = 5, ["color"] = Palette.OfStatus(TrialResultStatus.Completed), ["opacity"] = 0.6 },
        };
        var line = new JsonObject
        {
            ["type"] = "scatter",
            ["mode"] = "lines",
            ["name"] = "best so far",
            ["line"] = new JsonObject { ["shape"] = "hv", ["color"] = "#264653" },
            ["x"] = Json.Numbers(bestX),
            ["y"] = Json.Numbers(bestY),
        };
        return ChartFigure.Of([trials, line],
            Json.Layout(Json.Axis("trial, in the order trials finished"), Json.Axis(data.Metric)),
            data.SampleWords(dots.Count, finished.Count).Trim() is { Length: > 0 } words ? words : null);
    }
}
