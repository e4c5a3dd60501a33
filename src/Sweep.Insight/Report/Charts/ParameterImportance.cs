using System.Text.Json.Nodes;
using Sweep.Insight.Importance;

namespace Sweep.Insight.Report.Charts;

/// <summary>Each searched setting's importance for reaching the top trials, by PED-ANOVA (<see cref="PedAnova"/>).</summary>
public sealed class ParameterImportance : IReportChart
{
    public string Id => "parameter-importance";

    public string Title => "Parameter importance (PED-ANOVA)";

    public string Guide => $"How much each searched setting decides whether a trial reaches the best {PedAnova.TopQuantile * 100:0}% of the completed trials, by PED-ANOVA (Watanabe et al. 2023, as Optuna's PedAnovaImportanceEvaluator and Optuna Dashboard compute it, not fANOVA): the Pearson divergence between the setting's values among the top trials and among all of them, as shares of 1. Tune the long bars first; a short bar means any of its values did as well.";

    public ChartFigure Draw(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.Searched.Any(s => s.Values.Count > 1))
        {
            return ChartFigure.Skipped("The sweep searched no setting with more than one value.");
        }

        if (data.Ranked.Count <= PedAnova.MinimumTopTrials)
        {
            return ChartFigure.Skipped($"{data.Ranked.Count} completed trial{(data.Ranked.Count == 1 ? "" : "s")}: too few to tell the top trials from the rest.");
        }

        // Least important first, so that plotly's bottom-up bars put the most important at the top.
        SettingImportance[] bars = [.. data.Importances.Reverse()];
        var trace = new JsonObject
        {
            ["type"] = "bar",
            ["orientation"] = "h",
            ["x"] = Json.Numbers(bars.Select(b => b.Importance)),
            ["y"] = Json.Strings(bars.Select(b => b.Setting)),
            ["text"] = Json.Strings(bars.Select(b => b.Importance.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))),
            ["textposition"] = "auto",
            ["marker"] = new JsonObject { ["color"] = "#1f77b4" },
            ["hovertemplate"] = "%{y}: %{x:.3f}<extra></extra>",
        };
        var xaxis = Json.Axis("importance (share of 1)");
        xaxis["range"] = new JsonArray(0, 1);
        var yaxis = Json.Axis("");
        yaxis["type"] = "category";
        yaxis["automargin"] = true;
        int top = Math.Max(PedAnova.MinimumTopTrials, (int)Math.Ceiling(PedAnova.TopQuantile * data.Ranked.Count));
        return ChartFigure.Of([trace], Json.Layout(xaxis, yaxis, height: Math.Min(700, 140 + 40 * bars.Length)),
            $"Top set: the best {top:N0} (or more, on ties) of {data.Ranked.Count:N0} completed trials by {data.Metric}.");
    }
}
