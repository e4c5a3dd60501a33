using System.Globalization;
using System.Text.Json.Nodes;

namespace Sweep.Insight.Report.Charts;

/// <summary>The mean metric over l2_lambda x keep_prob, a heatmap per initializer, when the sweep searched both.</summary>
public sealed class RegularizationHeatmap : IReportChart
{
    public const string L2Lambda = "l2_lambda";
    public const string KeepProb = "keep_prob";
    public const string Initializer = "initializer";

    public string Id => "regularization-heatmap";

    public string Title => "The metric over l2_lambda x keep_prob per initializer";

    public string Guide => "The mean metric of the completed trials in each cell of L2 lambda against dropout keep_prob (more than 20 distinct values are binned, each bin named by its centre), one panel per initializer: look for the cell where regularization helps before it starts to hurt.";

    public ChartFigure Draw(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        SearchedSetting? l2 = data.Searched.FirstOrDefault(s => s.Name == L2Lambda);
        SearchedSetting? keep = data.Searched.FirstOrDefault(s => s.Name == KeepProb);
        if (l2 is null || keep is null)
        {
            return ChartFigure.Skipped("The sweep did not search both l2_lambda and keep_prob.");
        }

        if (data.Ranked.Count == 0)
        {
            return ChartFigure.Skipped("No trial completed yet.");
        }

        var l2Axis = SettingAxis.Of(l2);
        var keepAxis = SettingAxis.Of(keep);
        IReadOnlyList<string>? searchedInitializers = data.Searched.FirstOrDefault(s => s.Name == Initializer)?.Values;
        IReadOnlyList<string> initializers = searchedInitializers ?? ["(all)"];
        var layout = Json.Layout(height: 380);
        layout["grid"] = new JsonObject { ["rows"] = 1, ["columns"] = initializers.Count, ["pattern"] = "independent" };
        layout["coloraxis"] = new JsonObject
        {
            ["colorscale"] = "Viridis",
            ["reversescale"] = !data.HigherIsBetter,
            ["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = data.Metric } },
        };
        var traces = new JsonArray();
        for (int i = 0; i < initializers.Count; i++)
        {
            string initializer = initializers[i];
            string suffix = i == 0 ? "" : (i + 1).ToString(CultureInfo.InvariantCulture);
            var trials = data.Ranked.Where(t => searchedInitializers is null || (t.Parameters.TryGetValue(Initializer, out string? v) && v == initializer));
            JsonArray z = SettingAxis.MeanMetric(data, trials, l2Axis, keepAxis);
            traces.Add(new JsonObject
            {
                ["type"] = "heatmap",
                ["name"] = initializer,
                ["x"] = Json.Strings(keepAxis.Labels),
                ["y"] = Json.Strings(l2Axis.Labels),
                ["z"] = z,
                ["coloraxis"] = "coloraxis",
                ["xaxis"] = "x" + suffix,
                ["yaxis"] = "y" + suffix,
                ["hovertemplate"] = $"{initializer}<br>l2_lambda %{{y}}<br>keep_prob %{{x}}<br>mean {data.Metric} %{{z}}<extra></extra>",
            });
            var xaxis = Json.Axis(searchedInitializers is null ? "keep_prob" : $"keep_prob ({initializer})");
            xaxis["type"] = "category";
            var yaxis = Json.Axis("l2_lambda");
            yaxis["type"] = "category";
            layout["xaxis" + suffix] = xaxis;
            layout["yaxis" + suffix] = yaxis;
        }

        return ChartFigure.Of(traces, layout);
    }
}
