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

    /// <summary>A number with more distinct values than this is binned into this many equal cells.</summary>
    public const int MaxCells = 20;

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

        var pairs = new List<(PairAxis X, PairAxis Y)>();
        PairAxis[] axes = [.. varied.Select(PairAxis.Of)];
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

    private static JsonObject Contour(ReportData data, PairAxis x, PairAxis y, string suffix)
    {
        var sums = new double[y.Positions.Length, x.Positions.Length];
        var counts = new int[y.Positions.Length, x.Positions.Length];
        foreach (TrialResult trial in data.Ranked)
        {
            if (x.CellOf(trial) is int column && y.CellOf(trial) is int row)
            {
                sums[row, column] += data.MetricOf(trial)!.Value;
                counts[row, column]++;
            }
        }

        var z = new JsonArray();
        for (int row = 0; row < y.Positions.Length; row++)
        {
            z.Add(new JsonArray(Enumerable.Range(0, x.Positions.Length)
                .Select(column => counts[row, column] == 0 ? null : Json.Number(sums[row, column] / counts[row, column])).ToArray()));
        }

        return new JsonObject
        {
            ["type"] = "contour",
            ["x"] = Json.Numbers(x.Positions),
            ["y"] = Json.Numbers(y.Positions),
            ["z"] = z,
            ["connectgaps"] = true,
            ["coloraxis"] = "coloraxis",
            ["xaxis"] = "x" + suffix,
            ["yaxis"] = "y" + suffix,
            ["line"] = new JsonObject { ["width"] = 0.5 },
            ["hovertemplate"] = $"{x.Name} %{{x}}<br>{y.Name} %{{y}}<br>mean {data.Metric} %{{z}}<extra></extra>",
        };
    }

    /// <summary>
    /// One side of a pair: its cells and where each trial falls. Categories sit at 0, 1, ... with their names as ticks;
    /// numbers at their values (log10 of them when they span decades); more than <see cref="MaxCells"/> distinct numbers
    /// are binned into that many equal cells.
    /// </summary>
    private sealed class PairAxis
    {
        private readonly SearchedSetting _setting;
        private readonly Dictionary<string, int> _index;
        private readonly double _binLow;
        private readonly double _binWidth;

        private PairAxis(SearchedSetting setting)
        {
            _setting = setting;
            _index = setting.Values.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i, StringComparer.Ordinal);
            if (!setting.IsNumeric)
            {
                Positions = [.. setting.Values.Select((_, i) => (double)i)];
                return;
            }

            double[] scaled = [.. setting.Values.Select(v => Scale(double.Parse(v, CultureInfo.InvariantCulture)))];
            if (scaled.Length <= MaxCells)
            {
                Positions = scaled;
                return;
            }

            _binLow = scaled[0];
            _binWidth = (scaled[^1] - scaled[0]) / MaxCells;
            Positions = [.. Enumerable.Range(0, MaxCells).Select(i => _binLow + (i + 0.5) * _binWidth)];
        }

        public string Name => _setting.Name;

        public double[] Positions { get; }

        private bool IsBinned => _binWidth > 0;

        public static PairAxis Of(SearchedSetting setting) => new(setting);

        public int? CellOf(TrialResult trial)
        {
            if (!trial.Parameters.TryGetValue(Name, out string? value))
            {
                return null;
            }

            return IsBinned
                ? Math.Clamp((int)((Scale(double.Parse(value, CultureInfo.InvariantCulture)) - _binLow) / _binWidth), 0, MaxCells - 1)
                : _index[value];
        }

        public double? PointOf(TrialResult trial)
        {
            if (!trial.Parameters.TryGetValue(Name, out string? value))
            {
                return null;
            }

            return _setting.IsNumeric ? Scale(double.Parse(value, CultureInfo.InvariantCulture)) : _index[value];
        }

        public JsonObject Axis()
        {
            var axis = Json.Axis(_setting.IsLogSpaced ? $"log10 {Name}" : Name);
            if (!_setting.IsNumeric)
            {
                axis["tickvals"] = Json.Numbers(Positions);
                axis["ticktext"] = Json.Strings(_setting.Values);
            }

            return axis;
        }

        private double Scale(double value) => _setting.IsLogSpaced ? Math.Log10(value) : value;
    }
}
