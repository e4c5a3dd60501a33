using System.Text.Json.Nodes;

namespace Sweep.Insight.Report.Charts;

/// <summary>The last record point's ||dW1||/||dWL|| of each trial, a box per initializer.</summary>
public sealed class GradientNormRatioByInitializer : IReportChart
{
    public string Id => "gradient-norm-ratio";

    public string Title => "||dW1|| / ||dWL|| by initializer";

    public string Guide => "The ratio of the first layer's gradient norm to the last one's at the end of training, log axis: far below 1 the first layers barely learn (vanishing), far above 1 they get blown up (exploding); near 1 is healthy.";

    public ChartFigure Draw(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var withRatio = data.Trials.Where(t => t.GradientNormRatio is { } r && double.IsFinite(r) && r > 0).ToList();
        if (withRatio.Count == 0)
        {
            return ChartFigure.Skipped("No trial recorded a finite gradient norm ratio.");
        }

        var sample = data.Sample(withRatio);
        var traces = sample.GroupBy(t => t.Initializer.Length > 0 ? t.Initializer : "(unknown)")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (JsonNode)new JsonObject
            {
                ["type"] = "box",
                ["name"] = g.Key,
                ["y"] = Json.Numbers(g.Select(t => t.GradientNormRatio)),
                ["text"] = Json.Strings(g.Select(t => t.TrialId)),
                ["boxpoints"] = sample.Count <= 2000 ? "all" : "outliers",
                ["jitter"] = 0.4,
                ["pointpos"] = 0,
            });
        return ChartFigure.Of(Json.Array(traces), Json.Layout(Json.Axis("initializer"), Json.Axis("||dW1|| / ||dWL||", log: true)),
            data.SampleWords(sample.Count, withRatio.Count).Trim() is { Length: > 0 } words ? words : null);
    }
}
