using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sweep.Domain;
using Sweep.Insight.Boundaries;
using Sweep.Insight.Report;
using Sweep.Insight.Tests.Boundaries;

namespace Sweep.Insight.Tests.Report;

public sealed partial class SweepReportTests
{
    private static ReportPage Build(IReadOnlyList<TrialResult> trials, BoundaryData? boundaries = null) =>
        SweepReport.Build("report-test", trials, TrialMetrics.TestAccuracy, higherIsBetter: true, Diagnosis.Of(trials, 2), boundaries ?? ReportTrials.Boundaries());

    [Fact]
    public void Report_inlines_plotly_once_with_its_license_and_loads_nothing_from_outside()
    {
        string html = Build(ReportTrials.Small()).Html;

        Assert.Contains("plotly.js v" + PlotlyScript.Version, html, StringComparison.Ordinal);
        Assert.True(PlotlyScript.Script.Length > 3_000_000, "the whole minified plotly.js");
        // plotly.js's own banner, then the notices of the code it bundles in the footer.
        Assert.StartsWith("/**\n* plotly.js v" + PlotlyScript.Version, PlotlyScript.Script, StringComparison.Ordinal);
        Assert.Contains("Licensed under the MIT license", PlotlyScript.Script[..300], StringComparison.Ordinal);
        Assert.Contains("<details><summary>plotly.js license notices</summary><pre>/*", html, StringComparison.Ordinal);
        Assert.Contains("MIT license", html, StringComparison.Ordinal);
        // The inlined plotly.js is code, not a reference; everything around it must not load a thing.
        string page = WithoutInlinedPlotly(html);
        Assert.DoesNotMatch(ResourceReference(), page);
        Assert.DoesNotContain("<link", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("<script[^>]*\\ssrc=", page);
        Assert.DoesNotContain("@import", page, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_chart_is_a_plot_div_with_a_figure_that_parses_and_is_drawn_by_newPlot()
    {
        ReportPage page = Build(ReportTrials.Small());

        string[] divs = [.. ChartDiv().Matches(page.Html).Select(m => m.Groups[1].Value)];
        Assert.Equal(SweepReport.Charts.Select(c => c.Id), divs);
        Assert.Equal(divs, page.Drawn);
        Assert.Empty(page.Skipped);
        foreach (string id in divs)
        {
            Match figure = Regex.Match(page.Html, $"<script type=\"application/json\" class=\"figure\" id=\"figure-{id}\">(.*?)</script>", RegexOptions.Singleline);
            Assert.True(figure.Success, $"no figure for chart {id}");
            JsonObject parsed = JsonNode.Parse(figure.Groups[1].Value)!.AsObject();
            Assert.NotEmpty(parsed["data"]!.AsArray());
            Assert.IsType<JsonObject>(parsed["layout"]);
        }

        Assert.Contains("Plotly.newPlot(div, figure.data, figure.layout", page.Html, StringComparison.Ordinal);
        Assert.Contains("document.querySelectorAll('div.chart')", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Leaderboard_rows_are_in_rank_order_and_the_diagnosis_is_beside_the_charts()
    {
        IReadOnlyList<TrialResult> trials = ReportTrials.Small();
        string html = Build(trials).Html;

        string[] ids = [.. LeaderboardRow().Matches(html).Select(m => m.Groups[2].Value)];
        string[] expected = [.. trials.Where(t => t.Status == TrialResultStatus.Completed).OrderByDescending(t => t.TestAccuracy).Select(t => t.TrialId)];
        Assert.Equal(expected, ids);
        Assert.Equal(Enumerable.Range(1, expected.Length).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            LeaderboardRow().Matches(html).Select(m => m.Groups[1].Value));
        Assert.Contains("<aside id=\"diagnosis\">", html, StringComparison.Ordinal);
        Assert.Contains("class=\"finding\" data-kind=\"" + FindingKinds.GradientCheckFailure + "\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_regression_leaderboard_shows_the_R2_of_the_split_it_ranks_by_beside_its_RMSE()
    {
        TrialResult[] trials = [ReportTrials.Regression(1, 12.5, 0.62), ReportTrials.Regression(2, 9.75, 0.81)];
        string html = SweepReport.Build("report-test", trials, TrialMetrics.TestRmse, higherIsBetter: false, Diagnosis.Of(trials, null), ReportTrials.Boundaries()).Html;

        Assert.Contains("<th>test_rmse</th><th>test_r2</th><th>test_cost</th>", html, StringComparison.Ordinal);
        Assert.Matches(@"data-id=""0000000000000002"">.*?<td>9\.75</td><td>0\.81</td>", html);
        Assert.Matches(@"data-id=""0000000000000001"">.*?<td>12\.5</td><td>0\.62</td>", html);
    }

    [Fact]
    public void A_regression_leaderboard_of_configurations_shows_the_mean_R2_of_their_completed_seeds()
    {
        TrialResult Seed(int index, double rmse, double r2) => ReportTrials.Regression(index, rmse, r2) with { ConfigurationId = "c1", Seed = index };
        TrialResult[] trials = [Seed(1, 10, 0.7), Seed(2, 12, 0.5), Seed(3, 11, 0.9) with { Status = TrialResultStatus.Diverged }];
        string html = SweepReport.Build("report-test", trials, TrialMetrics.TestRmse, higherIsBetter: false, Diagnosis.Of(trials, null), ReportTrials.Boundaries()).Html;

        Assert.Contains("<th>worst</th><th>mean test_r2</th></tr>", html, StringComparison.Ordinal);
        Assert.Matches(@"data-id=""c1"">.*?<td>2/3</td><td>11</td><td>[^<]*</td><td>12</td><td>0\.6</td>", html);
    }

    [Fact]
    public void Figures_hold_the_failing_trials_the_heatmap_cells_and_no_NaN()
    {
        string html = Build(ReportTrials.Small()).Html;

        JsonObject costs = Figure(html, "cost-curves");
        Assert.Contains(costs["data"]!.AsArray(), t => t!["name"]!.GetValue<string>().StartsWith(TrialResultStatus.Diverged, StringComparison.Ordinal));
        JsonObject norms = Figure(html, "layer-norms");
        Assert.Contains(norms["data"]!.AsArray(), t => t!["name"]!.GetValue<string>().StartsWith(TrialResultStatus.Diverged, StringComparison.Ordinal));
        Assert.Equal("log", norms["layout"]!["yaxis"]!["type"]!.GetValue<string>());
        JsonObject heatmap = Figure(html, "regularization-heatmap");
        Assert.Equal(["he", "zeros", "random:10"], heatmap["data"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
        // he, l2_lambda 0.7 (row 1), keep_prob 0.86 (column 0): trial 2's 0.95 alone.
        Assert.Equal(0.95, heatmap["data"]![0]!["z"]![1]![0]!.GetValue<double>());
        // JSON has no NaN: a diverged trial's non-finite values are gaps (null).
        foreach (Match figure in Regex.Matches(html, "<script type=\"application/json\" class=\"figure\"[^>]*>(.*?)</script>", RegexOptions.Singleline))
        {
            Assert.DoesNotContain("NaN", figure.Groups[1].Value, StringComparison.Ordinal);
            Assert.DoesNotContain("Infinity", figure.Groups[1].Value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Importance_bars_put_the_setting_that_decides_the_metric_on_top_and_name_the_method()
    {
        // The initializer decides (the 18 he trials tie at 0.9, the top tenth and its ties); l2_lambda and keep_prob vary without effect.
        string[] initializers = ["zeros", "he", "xavier", "lecun", "random:10"];
        double[] lambdas = [0, 0.1, 0.7];
        double[] keeps = [0.5, 0.86, 1];
        TrialResult[] trials = [.. Enumerable.Range(0, 90).Select(i => ReportTrials.Completed(i, initializers[i % 5], lambdas[i / 5 % 3], keeps[i / 15 % 3],
            initializers[i % 5] == "he" ? 0.9 : 0.6 + (i * 37 % 11) / 1000.0))];

        string html = Build(trials).Html;

        JsonObject importance = Figure(html, "parameter-importance");
        JsonArray settings = importance["data"]![0]!["y"]!.AsArray();
        Assert.Equal(3, settings.Count);
        Assert.Equal("initializer", settings[^1]!.GetValue<string>());
        Assert.True(importance["data"]![0]!["x"]![2]!.GetValue<double>() > 0.9);
        Assert.Equal(1.0, importance["data"]![0]!["x"]!.AsArray().Sum(x => x!.GetValue<double>()), 9);
        Assert.Contains("PED-ANOVA (Watanabe et al. 2023", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Contour_draws_a_panel_of_mean_metric_cells_for_each_pair_of_searched_settings()
    {
        string html = Build(ReportTrials.Small()).Html;

        JsonArray traces = Figure(html, "contour")["data"]!.AsArray();
        JsonObject[] contours = [.. traces.Where(t => t!["type"]!.GetValue<string>() == "contour").Select(t => t!.AsObject())];
        Assert.Equal(3, contours.Length);
        Assert.Equal(contours.Length, traces.Count(t => t!["type"]!.GetValue<string>() == "scatter"));
        // Every cell is the mean of the completed trials in it, or a gap: no cell is an invented number.
        var values = contours.SelectMany(c => c["z"]!.AsArray()).SelectMany(row => row!.AsArray()).Where(v => v is not null).Select(v => v!.GetValue<double>());
        Assert.All(values, v => Assert.InRange(v, 0.5, 0.95));
        Assert.Contains(contours, c => c["z"]!.AsArray().SelectMany(row => row!.AsArray()).Any(v => v is not null && Math.Abs(v.GetValue<double>() - (0.95 + 0.52) / 2) < 1e-12));
    }

    [Fact]
    public void Decision_boundaries_show_the_three_best_trials_and_the_worst_over_the_training_points()
    {
        IReadOnlyList<TrialResult> trials = ReportTrials.Small();

        JsonObject figure = Figure(Build(trials).Html, "decision-boundaries");

        JsonObject[] regions = [.. figure["data"]!.AsArray().Where(t => t!["type"]!.GetValue<string>() == "heatmap").Select(t => t!.AsObject())];
        Assert.Equal(4, regions.Length);
        string[] titles = [.. figure["layout"]!["annotations"]!.AsArray().Select(a => a!["text"]!.GetValue<string>())];
        // Test accuracies: trial 2 0.95, trial 6 0.94, trial 3 0.93 best; trial 4 0.5 worst.
        Assert.Equal(
            ["#1 00000000 (initializer he, l2_lambda 0.7, keep_prob 0.86): test_accuracy 0.95",
             "#2 00000000 (initializer he, l2_lambda 0, keep_prob 0.86): test_accuracy 0.94",
             "#3 00000000 (initializer he, l2_lambda 0.7, keep_prob 1): test_accuracy 0.93",
             "worst 00000000 (initializer zeros, l2_lambda 0, keep_prob 1): test_accuracy 0.5"], titles);
        // Class "above" (1) where the model says so: the bottom-right corner (x large, y small) of the first panel.
        Assert.Equal(1, regions[0]["z"]![0]![DecisionSurface.Resolution - 1]!.GetValue<int>());
        Assert.Equal(0, regions[0]["z"]![DecisionSurface.Resolution - 1]![0]!.GetValue<int>());
        int points = figure["data"]!.AsArray().Where(t => t!["type"]!.GetValue<string>() == "scatter").Take(2).Sum(t => t!["x"]!.AsArray().Count);
        Assert.Equal(81, points);
    }

    [Theory]
    [InlineData("none", "The report was made without the sweep's data")]
    [InlineData("missing", "The sweep's data cannot be read: the data of sweep 'report-test' changed since it ran.")]
    [InlineData("three-features", "The data has 3 features; decision boundaries are drawn for data with two")]
    [InlineData("regression", "The sweep fits a regression: decision boundaries are drawn for classifiers.")]
    public void Decision_boundaries_say_why_they_are_not_drawn_and_the_rest_is(string data, string note)
    {
        var trials = ReportTrials.Small();
        BoundaryData? boundaries = data switch
        {
            "missing" => BoundaryData.Missing("the data of sweep 'report-test' changed since it ran"),
            "three-features" => BoundaryData.Of(LinearModels.Points(features: 3), _ => LinearModels.Logistic(1, -1, 0)),
            "regression" => BoundaryData.Of(new Sweep.Training.Data.Dataset([0.0, 1.0, 1.0, 0.0], 2, [0.5, 2.5], ["x1", "x2"]), _ => LinearModels.Logistic(1, -1, 0)),
            _ => null,
        };

        ReportPage page = SweepReport.Build("report-test", trials, TrialMetrics.TestAccuracy, higherIsBetter: true, Diagnosis.Of(trials, 2), boundaries);

        Assert.Equal(["decision-boundaries"], page.Skipped);
        Assert.Contains("<p class=\"skipped-note\">Not drawn: " + System.Net.WebUtility.HtmlEncode(note), page.Html, StringComparison.Ordinal);
        Assert.Equal(SweepReport.Charts.Count - 1, page.Drawn.Count);
    }

    [Fact]
    public void Timeline_gives_trials_that_ran_at_once_on_one_node_their_own_rows()
    {
        DateTimeOffset start = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        TrialResult At(int index, string node, int from, int to) => ReportTrials.Completed(index, "he", 0, 1, 0.9) with
        {
            Node = node,
            StartedAt = start.AddSeconds(from),
            FinishedAt = start.AddSeconds(to),
        };

        // node-a ran two slots (1 and 2 overlap, 3 starts when 1 is done); node-b one trial at a time.
        TrialResult[] trials = [At(1, "node-a", 0, 10), At(2, "node-a", 2, 14), At(3, "node-a", 10, 12), At(4, "node-b", 0, 5), At(5, "node-b", 5, 9)];

        JsonArray traces = Figure(Build(trials).Html, "timeline")["data"]!.AsArray();

        string[] rows = [.. traces.SelectMany(t => t!["y"]!.AsArray()).Where(y => y is not null).Select(y => y!.GetValue<string>())];
        var rowOf = new Dictionary<string, string>();
        string[] labels = [.. traces.SelectMany(t => t!["text"]!.AsArray()).Where(x => x is not null).Select(x => x!.GetValue<string>())];
        for (int i = 0; i < rows.Length; i++)
        {
            rowOf[labels[i].Split(' ')[0]] = rows[i];
        }

        Assert.Equal("node-a #1", rowOf[trials[0].TrialId]);
        Assert.Equal("node-a #2", rowOf[trials[1].TrialId]);
        Assert.Equal("node-a #1", rowOf[trials[2].TrialId]);
        Assert.Equal("node-b", rowOf[trials[3].TrialId]);
        Assert.Equal("node-b", rowOf[trials[4].TrialId]);
    }

    [Fact]
    public void Layer_norms_that_are_zero_throughout_are_named_since_a_log_axis_cannot_draw_them()
    {
        // A zeros-initialized network: the hidden layers' weights never move and their gradients are exactly 0.
        TrialResult symmetric = ReportTrials.Completed(1, "zeros", 0, 1, 0.5) with
        {
            LayerNorms = [.. Enumerable.Range(0, 5).Select(i => new LayerNormsPoint(i * 100, [0.0, 0.0, 0.1 * i], [0.0, 0.0, 0.3]))],
        };
        TrialResult healthy = ReportTrials.Completed(2, "he", 0, 1, 0.95);

        ReportPage page = Build([healthy, symmetric]);

        Assert.Contains("Not drawn, since a log axis has no 0: ||W1||, ||dW1||, ||W2||, ||dW2|| of 00000000 are exactly 0 at every record point.", page.Html, StringComparison.Ordinal);
        Assert.Contains("layer-norms", page.Drawn);
    }

    [Fact]
    public void Sampled_l2_and_keep_prob_are_binned_so_the_heatmap_stays_twenty_by_twenty()
    {
        var random = new Random(5);
        TrialResult[] trials = [.. Enumerable.Range(1, 2000).Select(i => ReportTrials.Completed(i, "he", random.NextDouble(), 0.5 + random.NextDouble() / 2, 0.8 + random.NextDouble() / 10))];

        JsonObject heatmap = Figure(Build(trials).Html, "regularization-heatmap");

        JsonArray z = heatmap["data"]![0]!["z"]!.AsArray();
        Assert.Equal(SettingAxis.MaxCells, z.Count);
        Assert.All(z, row => Assert.Equal(SettingAxis.MaxCells, row!.AsArray().Count));
        Assert.All(z.SelectMany(row => row!.AsArray()).Where(v => v is not null), v => Assert.InRange(v!.GetValue<double>(), 0.8, 0.9));
    }

    [Fact]
    public void One_trial_renders_and_says_why_it_skips_what_it_cannot_draw()
    {
        ReportPage page = Build([ReportTrials.GradcheckFailed(1)]);

        Assert.Contains("gradient-check", page.Drawn);
        Assert.Contains("optimization-history", page.Skipped);
        Assert.Contains("<p class=\"skipped-note\">Not drawn: No trial completed yet.</p>", page.Html, StringComparison.Ordinal);
        Assert.Equal(page.Drawn, ChartDiv().Matches(page.Html).Select(m => m.Groups[1].Value));
    }

    /// <summary>
    /// 20,000 trials: plotly.js is 3.6 MB; each of six point charts draws at most 5,000 trials (some 0.3-0.6 MB of
    /// JSON each), the curves 20 trials, so the page stays near 7 MB. 15 MB leaves room for longer ids and settings
    /// while still opening in a few seconds. The time bound only catches a quadratic slip (timing belongs to benchmarks).
    /// </summary>
    [Fact]
    public void Twenty_thousand_trials_render_sampled_under_15_MB()
    {
        IReadOnlyList<TrialResult> trials = ReportTrials.Many(20_000);

        ReportPage page = Build(trials);

        long bytes = System.Text.Encoding.UTF8.GetByteCount(page.Html);
        Assert.True(bytes < 15_000_000, $"{bytes:N0} bytes");
        Assert.Empty(page.Skipped);
        Assert.Contains("Sampled: ", page.Html, StringComparison.Ordinal);
        JsonObject history = Figure(page.Html, "optimization-history");
        Assert.InRange(history["data"]![0]!["x"]!.AsArray().Count, ReportData.BestAlwaysSampled, ReportData.MaxPoints);
        JsonObject timeline = Figure(page.Html, "timeline");
        Assert.InRange(timeline["data"]!.AsArray().Sum(t => t!["x"]!.AsArray().Count) / 3, 1, ReportData.MaxPoints);
        Assert.Equal(SweepReport.LeaderboardRows, LeaderboardRow().Count(page.Html));
    }

    private static JsonObject Figure(string html, string id) => JsonNode.Parse(Regex.Match(html,
        $"<script type=\"application/json\" class=\"figure\" id=\"figure-{id}\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value)!.AsObject();

    private static string WithoutInlinedPlotly(string html)
    {
        int at = html.IndexOf(PlotlyScript.Script, StringComparison.Ordinal);
        Assert.True(at > 0, "plotly.js is not inlined");
        Assert.Equal(-1, html.IndexOf(PlotlyScript.Script, at + 1, StringComparison.Ordinal));
        return html.Remove(at, PlotlyScript.Script.Length);
    }

    [GeneratedRegex("(src|href)\\s*=\\s*[\"']?\\s*(https?:|//)", RegexOptions.IgnoreCase)]
    private static partial Regex ResourceReference();

    [GeneratedRegex("<div class=\"chart\" id=\"chart-([a-z0-9-]+)\"></div>")]
    private static partial Regex ChartDiv();

    [GeneratedRegex("<tr class=\"leaderboard-row\" data-rank=\"(\\d+)\" data-id=\"([^\"]+)\">")]
    private static partial Regex LeaderboardRow();
}
