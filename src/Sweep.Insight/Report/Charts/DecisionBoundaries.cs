using System.Globalization;
using System.Text.Json.Nodes;
using Sweep.Domain;
using Sweep.Insight.Boundaries;
using Sweep.Training.Models;

namespace Sweep.Insight.Report.Charts;

/// <summary>
/// The decision boundaries of the best trials (one per configuration) and of the worst completed one, over the training
/// points, for two-feature data: the course's pictures of what L2 and dropout do to an overfit boundary.
/// </summary>
public sealed class DecisionBoundaries : IReportChart
{
    /// <summary>Panels of the best trials; the worst completed trial adds one more.</summary>
    public const int Best = 3;

    /// <summary>Training points drawn per panel at most (every k-th beyond that).</summary>
    public const int MaxPoints = 1500;

    private const int Columns = 2;

    private static readonly string[] ClassColors = ["#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    private static readonly string[] RegionColors = ["#f7c6c6", "#c6dbf0", "#cdeacd", "#fde0c2", "#e0d3ec", "#e3d3cf", "#f7d7ec", "#e0e0e0", "#eeeec4", "#c5edf2"];

    public string Id => "decision-boundaries";

    public string Title => "Decision boundaries";

    public string Guide => "The class each model predicts over the plane of the two input features (shaded), with the training points on top: a boundary that bends around single points is overfitting, a smooth one that follows the classes generalizes; compare the best trials with the worst.";

    public ChartFigure Draw(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        BoundaryData? boundaries = data.Boundaries;
        if (boundaries is null)
        {
            return ChartFigure.Skipped("The report was made without the sweep's data, which decision boundaries need.");
        }

        if (boundaries.Train is null)
        {
            return ChartFigure.Skipped($"The sweep's data cannot be read: {boundaries.Unavailable}.");
        }

        if (boundaries.Train.IsRegression)
        {
            return ChartFigure.Skipped("The sweep fits a regression: decision boundaries are drawn for classifiers.");
        }

        if (boundaries.Train.FeatureCount != 2)
        {
            return ChartFigure.Skipped($"The data has {boundaries.Train.FeatureCount} features; decision boundaries are drawn for data with two (such as the course's circles and football sets).");
        }

        var surfaces = new List<(DecisionSurface Surface, string Label)>();
        foreach (var (trial, label) in Panels(data))
        {
            TrainedModel? model = boundaries.ModelOf(trial.TrialId);
            if (model is not null && model.Architecture.InputSize == 2)
            {
                surfaces.Add((DecisionSurface.Of(trial.TrialId, model, boundaries.Train), label));
            }
        }

        if (surfaces.Count == 0)
        {
            return ChartFigure.Skipped("No completed trial has a stored model.");
        }

        return ChartFigure.Of(Traces(surfaces, boundaries.Train), Layout(surfaces, boundaries.Train));
    }

    private static List<(TrialResult Trial, string Label)> Panels(ReportData data)
    {
        var configurations = new HashSet<string>(StringComparer.Ordinal);
        var chosen = new List<(TrialResult Trial, string Label)>();
        foreach (TrialResult trial in data.Ranked)
        {
            if (configurations.Add(trial.ConfigurationKey))
            {
                chosen.Add((trial, $"#{chosen.Count + 1} {CostCurves.Short(trial)}{Settings(data, trial)}: {data.Metric} {Json.Format(data.MetricOf(trial)!.Value)}"));
                if (chosen.Count == Best)
                {
                    break;
                }
            }
        }

        if (data.Ranked.Count > chosen.Count && data.Ranked[^1] is var worst && !chosen.Any(c => c.Trial.TrialId == worst.TrialId))
        {
            chosen.Add((worst, $"worst {CostCurves.Short(worst)}{Settings(data, worst)}: {data.Metric} {Json.Format(data.MetricOf(worst)!.Value)}"));
        }

        return chosen;
    }

    /// <summary>" (l2_lambda 0.7, keep_prob 1)": the searched settings of a trial, short enough for a panel title.</summary>
    private static string Settings(ReportData data, TrialResult trial)
    {
        string[] parts = [.. data.Searched.Where(s => s.Values.Count > 1 && trial.Parameters.ContainsKey(s.Name))
            .Select(s => $"{s.Name} {Shorter(trial.Parameters[s.Name])}").Take(4)];
        return parts.Length == 0 ? "" : $" ({string.Join(", ", parts)})";
    }

    private static string Shorter(string value) =>
        SearchedSetting.TryNumber(value, out double number) && value.Length > 6 ? Json.Format(number) : value;

    private static JsonArray Traces(List<(DecisionSurface Surface, string Label)> surfaces, Sweep.Training.Data.Dataset train)
    {
        int classes = train.Classes.Count;
        int stride = Math.Max(1, (int)Math.Ceiling(train.ExampleCount / (double)MaxPoints));
        int[] shown = [.. Enumerable.Range(0, train.ExampleCount).Where(j => j % stride == 0)];
        var traces = new JsonArray();
        for (int p = 0; p < surfaces.Count; p++)
        {
            DecisionSurface surface = surfaces[p].Surface;
            string suffix = Suffix(p);
            traces.Add(new JsonObject
            {
                ["type"] = "heatmap",
                ["x"] = Json.Numbers(surface.X),
                ["y"] = Json.Numbers(surface.Y),
                ["z"] = new JsonArray(surface.Predicted.Select(row => (JsonNode)Json.Numbers(row.Select(c => (double)c))).ToArray()),
                ["zmin"] = -0.5,
                ["zmax"] = classes - 0.5,
                ["colorscale"] = StepColors(classes),
                ["showscale"] = false,
                ["xaxis"] = "x" + suffix,
                ["yaxis"] = "y" + suffix,
                ["hoverinfo"] = "skip",
            });
            for (int k = 0; k < classes; k++)
            {
                int[] members = [.. shown.Where(j => train.Labels[j] == k)];
                traces.Add(new JsonObject
                {
                    ["type"] = "scatter",
                    ["mode"] = "markers",
                    ["name"] = $"class {train.Classes[k]}",
                    ["legendgroup"] = train.Classes[k],
                    ["showlegend"] = p == 0,
                    ["xaxis"] = "x" + suffix,
                    ["yaxis"] = "y" + suffix,
                    ["x"] = Json.Numbers(members.Select(j => train.Features[j])),
                    ["y"] = Json.Numbers(members.Select(j => train.Features[train.ExampleCount + j])),
                    ["marker"] = new JsonObject { ["size"] = 5, ["color"] = ClassColors[k % ClassColors.Length], ["line"] = new JsonObject { ["width"] = 0.5, ["color"] = "#333" } },
                });
            }
        }

        return traces;
    }

    private static JsonObject Layout(List<(DecisionSurface Surface, string Label)> surfaces, Sweep.Training.Data.Dataset train)
    {
        int rows = (surfaces.Count + Columns - 1) / Columns;
        var layout = Json.Layout(height: 420 * rows + 60);
        layout["grid"] = new JsonObject { ["rows"] = rows, ["columns"] = Math.Min(Columns, surfaces.Count), ["pattern"] = "independent", ["ygap"] = 0.25 };
        var annotations = new JsonArray();
        for (int p = 0; p < surfaces.Count; p++)
        {
            string suffix = Suffix(p);
            layout["xaxis" + suffix] = Json.Axis(train.FeatureNames[0]);
            layout["yaxis" + suffix] = Json.Axis(train.FeatureNames[1]);
            annotations.Add(new JsonObject
            {
                ["text"] = surfaces[p].Label,
                ["showarrow"] = false,
                ["xref"] = $"x{suffix} domain",
                ["yref"] = $"y{suffix} domain",
                ["x"] = 0.5,
                ["y"] = 1.06,
            });
        }

        layout["annotations"] = annotations;
        return layout;
    }

    /// <summary>A colorscale of one flat band per class index, so the regions have the class's pale colour.</summary>
    private static JsonArray StepColors(int classes)
    {
        var scale = new JsonArray();
        for (int k = 0; k < classes; k++)
        {
            string color = RegionColors[k % RegionColors.Length];
            scale.Add(new JsonArray(k / (double)classes, color));
            scale.Add(new JsonArray((k + 1) / (double)classes, color));
        }

        return scale;
    }

    private static string Suffix(int panel) => panel == 0 ? "" : (panel + 1).ToString(CultureInfo.InvariantCulture);
}
