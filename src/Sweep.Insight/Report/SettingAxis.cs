using System.Globalization;
using System.Text.Json.Nodes;
using Sweep.Domain;

namespace Sweep.Insight.Report;

/// <summary>
/// A searched setting as the cells of a chart axis, and where each trial falls. Categories sit at 0, 1, ... with their
/// names as ticks; numbers at their values (log10 of them when they span decades); more than <see cref="MaxCells"/> distinct numbers
/// are binned into that many equal cells.
/// </summary>
public sealed class SettingAxis
{
    /// <summary>A number with more distinct values than this is binned into this many equal cells.</summary>
    public const int MaxCells = 20;

    private readonly SearchedSetting _setting;
    private readonly Dictionary<string, int> _index;
    private readonly double _binLow;
    private readonly double _binWidth;

    private SettingAxis(SearchedSetting setting)
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

    /// <summary>Each cell's name: its value, or the centre of its bin to 3 significant digits.</summary>
    public IReadOnlyList<string> Labels => IsBinned
        ? [.. Positions.Select(p => (_setting.IsLogSpaced ? Math.Pow(10, p) : p).ToString("G3", CultureInfo.InvariantCulture))]
        : _setting.Values;

    public double[] Positions { get; }

    private bool IsBinned => _binWidth > 0;

    public static SettingAxis Of(SearchedSetting setting) => new(setting);

    /// <summary>
    /// The mean metric of <paramref name="trials"/> in each cell of <paramref name="rows"/> x <paramref name="columns"/>,
    /// as plotly's z (<c>z[row][column]</c>); null where no trial falls, so a chart never shows an invented value.
    /// </summary>
    public static JsonArray MeanMetric(ReportData data, IEnumerable<TrialResult> trials, SettingAxis rows, SettingAxis columns)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        var sums = new double[rows.Positions.Length, columns.Positions.Length];
        var counts = new int[rows.Positions.Length, columns.Positions.Length];
        foreach (TrialResult trial in trials)
        {
            if (rows.CellOf(trial) is int row && columns.CellOf(trial) is int column)
            {
                sums[row, column] += data.MetricOf(trial)!.Value;
                counts[row, column]++;
            }
        }

        return new JsonArray(Enumerable.Range(0, rows.Positions.Length).Select(row => (JsonNode)new JsonArray(Enumerable.Range(0, columns.Positions.Length)
            .Select(column => counts[row, column] == 0 ? null : Json.Number(sums[row, column] / counts[row, column])).ToArray())).ToArray());
    }

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
