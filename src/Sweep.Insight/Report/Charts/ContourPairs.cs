using System.Globalization;
using System.Text.Json.Nodes;
using Sweep.Domain;

namespace Sweep.Insight.Report.Charts;

/// <summary>
/// The metric over pairs of searched settings (Optuna's contour plot): for each pair among the
/// <see cref="MostImportant"/> most important settings, the mean metric of the completed trials in each cell of the
/// pair's values, contoured, with the trials as dots on top.
/// </summary>
public sealed class ContourPairs : IReportChart
{
    /// <summary>Pairs are drawn among this many settings, the most important first: at most 6 panels.</summary>
    public const int MostImportant = 4;

    private const int Columns = 3;

    public string Id => "contour";

    public string Title => "Contour: the metric over pairs of searched settings";

    public string Guide => "For each pair of the most important searched settings, the mean metric of the completed trials in each cell of their values (the contour fills between cells that hold trials), with every trial as a dot: look for the region the good values share, and for pairs whose best values move together.";

    public ChartFigure Draw(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var varied = data.Importances.Select(i => data.Searched.First(s => s.Name == i.Setting)).Take(MostImportant).ToList();
        if (varied.Count < 2)
        {
            return ChartFigure.Skipped("The sweep searched fewer than two settings with more than one value.");
        }

        if (data.Ranked.Count == 0)
        {
            return ChartFigure.Skipped("No trial completed yet.");
        }

        var pairs = new List<(SettingAxis X, SettingAxis Y)>();
        SettingAxis[] axes = [.. varied.Select(SettingAxis.Of)];
        for (int i = 0; i < axes.Length; i++)
        {
            for (int j = i + 1; j < axes.Length; j++)
            {
                pairs.Add((axes[i], axes[j]));
            }
        }

        int rows = (pairs.Count + Columns - 1) / Columns;
        var layout = Json.Layout(height: 340 * rows + 60);
        layout["grid"] = new JsonObject { ["rows"] = rows, ["columns"] = Math.Min(Columns, pairs.Count), ["pattern"] = "independent" };
        layout["showlegend"] = false;
        layout["coloraxis"] = new JsonObject
        {
            ["colorscale"] = "Viridis",
            ["reversescale"] = !data.HigherIsBetter,
            ["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = data.Metric } },
        };
        IReadOnlyList<TrialResult> dots = data.Sample(data.Ranked);
        var traces = new JsonArray();
        for (int p = 0; p < pairs.Count; p++)
        {
            var (x, y) = pairs[p];
            string suffix = p == 0 ? "" : (p + 1).ToString(CultureInfo.InvariantCulture);
            traces.Add(Contour(data, x, y, suffix));
            traces.Add(new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = "markers",
                ["xaxis"] = "x" + suffix,
                ["yaxis"] = "y" + suffix,
                ["x"] = Json.Numbers(dots.Select(x.PointOf)),
                ["y"] = Json.Numbers(dots.Select(y.PointOf)),
                ["text"] = Json.Strings(dots.Select(t => t.TrialId)),
                ["marker"] = new JsonObject { ["size"] = 4, ["color"] = "rgba(0,0,0,0.55)" },
                ["hovertemplate"] = $"%{{text}}<br>{x.Name} %{{x}}<br>{y.Name} %{{y}}<extra></extra>",
            });
            layout["xaxis" + suffix] = x.Axis();
            layout["yaxis" + suffix] = y.Axis();
        }

        string? sampled = data.SampleWords(dots.Count, data.Ranked.Count).Trim() is { Length: > 0 } words ? $"Dots: {words}" : null;
        return ChartFigure.Of(traces, layout, sampled);
    }

    private static JsonObject Contour(ReportData data, SettingAxis x, SettingAxis y, string suffix)
    {
        return new JsonObject
        {
            ["type"] = "contour",
            ["x"] = Json.Numbers(x.Positions),
            ["y"] = Json.Numbers(y.Positions),
            ["z"] = SettingAxis.MeanMetric(data, data.Ranked, y, x),
            ["connectgaps"] = true,
            ["coloraxis"] = "coloraxis",
            ["xaxis"] = "x" + suffix,
            ["yaxis"] = "y" + suffix,
            ["line"] = new JsonObject { ["width"] = 0.5 },
            ["hovertemplate"] = $"{x.Name} %{{x}}<br>{y.Name} %{{y}}<br>mean {data.Metric} %{{z}}<extra></extra>",
        };
    }
}
