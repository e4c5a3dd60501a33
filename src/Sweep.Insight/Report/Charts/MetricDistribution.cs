using System.Text.Json.Nodes;

namespace Sweep.Insight.Report.Charts;

/// <summary>The empirical distribution function of the metric over the completed trials (Optuna's EDF plot).</summary>
public sealed class MetricDistribution : IReportChart
{
    public string Id => "metric-edf";

    public string Title => "Empirical distribution of the metric";

    public string Guide => "The share of completed trials with a metric at most each value: a steep step means many trials ended the same (often at chance), a long flat tail towards the good end means few configurations reach it.";

    public ChartFigure Draw(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        double[] values = [.. data.Ranked.Select(t => data.MetricOf(t)!.Value).Order()];
        if (values.Length == 0)
        {
            return ChartFigure.Skipped("No trial completed yet.");
        }

        // Over every completed trial; a large sweep draws at most MaxPoints steps, at evenly spaced ranks plus the last.
        int stride = (int)Math.Ceiling(values.Length / (double)ReportData.MaxPoints);
        var indexes = Enumerable.Range(0, values.Length).Where(i => i % stride == 0 || i == values.Length - 1).ToList();
        var trace = new JsonObject
        {
            ["type"] = "scatter",
            ["mode"] = "lines",
            ["name"] = data.Metric,
            ["line"] = new JsonObject { ["shape"] = "hv", ["color"] = "#264653" },
            ["x"] = Json.Numbers(indexes.Select(i => values[i])),
            ["y"] = Json.Numbers(indexes.Select(i => (i + 1) / (double)values.Length)),
        };
        return ChartFigure.Of([trace], Json.Layout(Json.Axis(data.Metric), Json.Axis("share of completed trials")),
            stride > 1 ? $"Computed over all {values.Length:N0} completed trials, drawn at every {stride}th." : null);
    }
}
