using System.Globalization;
using System.Text.Json.Nodes;
using Sweep.Domain;

namespace Sweep.Insight.Report.Charts;

/// <summary>Parallel coordinates over the searched settings of the completed trials, coloured by the metric.</summary>
public sealed class ParallelCoordinates : IReportChart
{
    public string Id => "parallel-coordinates";

    public string Title => "Parallel coordinates";

    public string Guide => "One line per completed trial through its searched settings and its metric, coloured by the metric: drag along an axis to keep only the trials you want and see which settings the good ones share.";

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
        var dimensions = new JsonArray();
        foreach (SearchedSetting setting in data.Searched)
        {
            var dimension = new JsonObject { ["label"] = setting.IsLogSpaced ? $"log10 {setting.Name}" : setting.Name };
            if (setting.IsLogSpaced)
            {
                // parcoords has no log axis: learning rates from 1e-4 to 1 would crowd into the bottom tick.
                dimension["values"] = Json.Numbers(trials.Select(t => Number(t, setting.Name) is { } v ? Math.Log10(v) : (double?)null));
            }
            else if (setting.IsNumeric)
            {
                dimension["values"] = Json.Numbers(trials.Select(t => Number(t, setting.Name)));
            }
            else
            {
                var index = setting.Values.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i, StringComparer.Ordinal);
                dimension["values"] = Json.Numbers(trials.Select(t => t.Parameters.TryGetValue(setting.Name, out string? v) ? (double?)index[v] : null));
                dimension["tickvals"] = Json.Numbers(setting.Values.Select((_, i) => (double)i));
                dimension["ticktext"] = Json.Strings(setting.Values);
            }

            dimensions.Add(dimension);
        }

        var metric = Json.Numbers(trials.Select(data.MetricOf));
        dimensions.Add(new JsonObject { ["label"] = data.Metric, ["values"] = metric.DeepClone() });
        var trace = new JsonObject
        {
            ["type"] = "parcoords",
            ["dimensions"] = dimensions,
            ["line"] = new JsonObject
            {
                ["color"] = metric,
                ["colorscale"] = "Viridis",
                ["reversescale"] = !data.HigherIsBetter,
                ["showscale"] = true,
                ["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = data.Metric } },
            },
        };
        var layout = Json.Layout(height: 460);
        layout["margin"] = new JsonObject { ["l"] = 80, ["r"] = 80, ["t"] = 60, ["b"] = 30 };
        return ChartFigure.Of([trace], layout, data.SampleWords(trials.Count, data.Ranked.Count).Trim() is { Length: > 0 } words ? words : null);
    }

    internal static double? Number(TrialResult trial, string setting) =>
        trial.Parameters.TryGetValue(setting, out string? text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value : null;
}
