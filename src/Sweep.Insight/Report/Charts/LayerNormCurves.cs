using System.Text.Json.Nodes;
using Sweep.Domain;

namespace Sweep.Insight.Report.Charts;

/// <summary>
/// Per-layer weight and gradient norms over training for the best trial and for the worst failing or unhealthy one:
/// what no general tuning tool draws, and where vanishing and exploding gradients show.
/// </summary>
public sealed class LayerNormCurves : IReportChart
{
    public string Id => "layer-norms";

    public string Title => "Per-layer weight and gradient norms";

    public string Guide => "||W_l|| (dashed) and ||dW_l|| (solid) per layer at each record point, log axis: gradients of the first layers orders of magnitude below the last mean vanishing gradients, norms that climb without bound mean exploding ones.";

    public ChartFigure Draw(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        TrialResult? best = data.Ranked.FirstOrDefault(t => t.LayerNorms.Count > 0);
        TrialResult? worst = Worst(data);
        var panels = new List<(TrialResult Trial, string Label)>();
        if (best is not null)
        {
            panels.Add((best, $"best: {CostCurves.Short(best)}"));
        }

        if (worst is not null && worst.TrialId != best?.TrialId)
        {
            panels.Add((worst, $"{worst.Status}{(worst.GradientFlow is { } flow && flow != "healthy" ? $", {flow}" : "")}: {CostCurves.Short(worst)}"));
        }

        if (panels.Count == 0)
        {
            return ChartFigure.Skipped("No trial recorded per-layer norms.");
        }

        var traces = new JsonArray();
        var layout = Json.Layout(height: 460);
        layout["grid"] = new JsonObject { ["rows"] = 1, ["columns"] = panels.Count, ["pattern"] = "independent" };
        var annotations = new JsonArray();
        for (int p = 0; p < panels.Count; p++)
        {
            string suffix = p == 0 ? "" : (p + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var (trial, label) = panels[p];
            int layers = trial.LayerNorms.Max(n => Math.Max(n.WeightNorms.Count, n.GradientNorms.Count));
            for (int l = 0; l < layers; l++)
            {
                int layer = l;
                string color = LayerColor(layer);
                traces.Add(Line(trial, $"{label} ||W{layer + 1}||", "x" + suffix, "y" + suffix, "dash", color,
                    n => layer < n.WeightNorms.Count ? n.WeightNorms[layer] : double.NaN));
                traces.Add(Line(trial, $"{label} ||dW{layer + 1}||", "x" + suffix, "y" + suffix, "solid", color,
                    n => layer < n.GradientNorms.Count ? n.GradientNorms[layer] : double.NaN));
            }

            layout["xaxis" + suffix] = Json.Axis("iteration");
            layout["yaxis" + suffix] = Json.Axis("norm", log: true);
            annotations.Add(new JsonObject
            {
                ["text"] = label,
                ["showarrow"] = false,
                ["xref"] = $"x{suffix} domain",
                ["yref"] = $"y{suffix} domain",
                ["x"] = 0.5,
                ["y"] = 1.08,
            });
            if (trial.LayerNorms.All(n => n.WeightNorms.All(w => w == 0) && n.GradientNorms.All(g => g == 0)))
            {
                annotations.Add(new JsonObject
                {
                    ["text"] = "every ||W_l|| and ||dW_l|| is exactly 0",
                    ["showarrow"] = false,
                    ["xref"] = $"x{suffix} domain",
                    ["yref"] = $"y{suffix} domain",
                    ["x"] = 0.5,
                    ["y"] = 0.5,
                    ["font"] = new JsonObject { ["size"] = 14, ["color"] = "#7a5c00" },
                });
            }
        }

        layout["annotations"] = annotations;
        return ChartFigure.Of(traces, layout, ZeroNote(panels.Select(p => p.Trial)));
    }

    /// <summary>
    /// A log axis cannot show 0, so a norm that is exactly 0 at every record point (the weights and gradients a zeros
    /// initialization leaves behind) would vanish from the chart without a word: say which ones.
    /// </summary>
    private static string? ZeroNote(IEnumerable<TrialResult> trials)
    {
        var zero = new List<string>();
        foreach (TrialResult trial in trials)
        {
            int layers = trial.LayerNorms.Max(n => Math.Max(n.WeightNorms.Count, n.GradientNorms.Count));
            var names = new List<string>();
            for (int l = 0; l < layers; l++)
            {
                int layer = l;
                if (trial.LayerNorms.All(n => layer < n.WeightNorms.Count && n.WeightNorms[layer] == 0))
                {
                    names.Add($"||W{layer + 1}||");
                }

                if (trial.LayerNorms.All(n => layer < n.GradientNorms.Count && n.GradientNorms[layer] == 0))
                {
                    names.Add($"||dW{layer + 1}||");
                }
            }

            if (names.Count > 0)
            {
                zero.Add($"{string.Join(", ", names)} of {CostCurves.Short(trial)}");
            }
        }

        return zero.Count == 0 ? null
            : $"Not drawn, since a log axis has no 0: {string.Join("; ", zero)} {(zero.Count == 1 && !zero[0].Contains(',', StringComparison.Ordinal) ? "is" : "are")} exactly 0 at every record point.";
    }

    /// <summary>A diverged or failed trial with norms first, then one whose gradients vanished, exploded or stopped, then the worst completed.</summary>
    private static TrialResult? Worst(ReportData data)
    {
        var withNorms = data.Trials.Where(t => t.LayerNorms.Count > 0).OrderBy(t => t.TrialId, StringComparer.Ordinal).ToList();
        return withNorms.FirstOrDefault(t => t.Status is TrialResultStatus.Diverged or TrialResultStatus.Failed)
            ?? withNorms.FirstOrDefault(t => t.GradientFlow is "vanishing" or "exploding" or "no_gradient" or "diverged")
            ?? withNorms.FirstOrDefault(t => t.SymmetricUnits)
            ?? data.Ranked.LastOrDefault(t => t.LayerNorms.Count > 0);
    }

    private static string LayerColor(int layer) => Colors[layer % Colors.Length];

    private static readonly string[] Colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    private static JsonObject Line(TrialResult trial, string name, string xaxis, string yaxis, string dash, string color, Func<LayerNormsPoint, double> norm) => new()
    {
        ["type"] = "scatter",
        ["mode"] = "lines",
        ["name"] = name,
        ["xaxis"] = xaxis,
        ["yaxis"] = yaxis,
        ["x"] = Json.Numbers(trial.LayerNorms.Select(n => (double)n.Iteration)),
        ["y"] = Json.Array(trial.LayerNorms.Select(n => Json.Positive(norm(n)))),
        ["line"] = new JsonObject { ["dash"] = dash, ["color"] = color },
    };
}
