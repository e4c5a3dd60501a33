using System.Globalization;
using System.Text.Json.Nodes;

namespace Sweep.Insight.Report.Charts;

/// <summary>The metric against each searched setting, a panel per setting (Optuna's slice plot).</summary>
public sealed class SlicePlots : IReportChart
{
    private const int Columns = 3;

    public string Id => "slice";

    public string Title => "Slice: the metric against each searched setting";

    public string Guide => "Each panel puts every completed trial's metric against one searched setting: a setting whose good values cluster matters, one whose panel looks the same everywhere does not.";

    public ChartFigure Draw(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Searched.Count == 0)
        {
            return ChartFigure.Skipped("The sweep searched no setting.");
        }

        if (data.Ranked.Count == 0)
        {
            return ChartFigure.Skipped("No trial completed yet.");
        }

        var trials = data.Sample(data.Ranked);
        int rows = (data.Searched.Count + Columns - 1) / Columns;
        int columns = Math.Min(Columns, data.Searched.Count);
        var layout = Json.Layout(height: 300 * rows + 60);
        layout["grid"] = new JsonObject { ["rows"] = rows, ["columns"] = columns, ["pattern"] = "independent" };
        layout["showlegend"] = false;
        var traces = new JsonArray();
        for (int i = 0; i < data.Searched.Count; i++)
        {
            SearchedSetting setting = data.Searched[i];
            string suffix = i == 0 ? "" : (i + 1).ToString(CultureInfo.InvariantCulture);
            var points = trials.Where(t => t.Parameters.ContainsKey(setting.Name)).ToList();
            traces.Add(new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = "markers",
                ["name"] = setting.Name,
                ["xaxis"] = "x" + suffix,
                ["yaxis"] = "y" + suffix,
                ["x"] = setting.IsNumeric
                    ? Json.Numbers(points.Select(t => ParallelCoordinates.Number(t, setting.Name)))
                    : Json.Strings(points.Select(t => t.Parameters[setting.Name])),
                ["y"] = Json.Numbers(points.Select(data.MetricOf)),
                ["text"] = Json.Strings(points.Select(t => t.TrialId)),
                ["marker"] = new JsonObject { ["size"] = 6, ["opacity"] = 0.6, ["color"] = Palette.OfStatus(Sweep.Domain.TrialResultStatus.Completed) },
            });
            var xaxis = Json.Axis(setting.Name, log: setting.IsLogSpaced);
            if (!setting.IsNumeric)
            {
                xaxis["type"] = "category";
            }

            layout["xaxis" + suffix] = xaxis;
            layout["yaxis" + suffix] = Json.Axis(data.Metric);
        }

        return ChartFigure.Of(traces, layout, data.SampleWords(trials.Count, data.Ranked.Count).Trim() is { Length: > 0 } words ? words : null);
    }
}
