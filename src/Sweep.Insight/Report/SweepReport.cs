using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sweep.Domain;
using Sweep.Search.Ranking;
using Sweep.Insight.Boundaries;
using Sweep.Insight.Report.Charts;

namespace Sweep.Insight.Report;

/// <summary>What <see cref="SweepReport.Build"/> made: the page, and which charts it drew and which it skipped.</summary>
public sealed record ReportPage(string Html, IReadOnlyList<string> Drawn, IReadOnlyList<string> Skipped);

/// <summary>
/// <c>sweep report</c>'s page: one self-contained HTML file that opens with no network. plotly.js is inlined once
/// (<see cref="PlotlyScript"/>); each chart is a <c>&lt;div class="chart" id="chart-{id}"&gt;</c> followed by its figure
/// as JSON in <c>&lt;script type="application/json" class="figure" id="figure-{id}"&gt;</c>, and one script at the end
/// calls <c>Plotly.newPlot</c> for every chart div. The leaderboard, the searched settings and the diagnosis are plain
/// HTML.
/// </summary>
public static class SweepReport
{
    /// <summary>The leaderboard lists at most this many configurations.</summary>
    public const int LeaderboardRows = 50;

    public static IReadOnlyList<IReportChart> Charts { get; } =
    [
        new OptimizationHistory(),
        new CostCurves(),
        new LayerNormCurves(),
        new GradientNormRatioByInitializer(),
        new ParameterImportance(),
        new ParallelCoordinates(),
        new ContourPairs(),
        new SlicePlots(),
        new MetricDistribution(),
        new Timeline(),
        new GradientCheckDifferences(),
        new RegularizationHeatmap(),
        new DecisionBoundaries(),
    ];

    // The default encoder escapes <, > and & inside strings, so a figure can never close its <script> element.
    private static readonly JsonSerializerOptions FigureJson = new() { WriteIndented = false };

    /// <param name="findings">The sweep's diagnosis (<see cref="Diagnosis.Of"/>), shown beside the charts.</param>
    /// <param name="boundaries">The sweep's data and stored models for decision boundaries, or why they are missing; null leaves that chart out with a note.</param>
    public static string Render(string sweep, IReadOnlyList<TrialResult> trials, string metric, bool higherIsBetter, IReadOnlyList<Finding> findings, BoundaryData? boundaries = null) =>
        Build(sweep, trials, metric, higherIsBetter, findings, boundaries).Html;

    public static ReportPage Build(string sweep, IReadOnlyList<TrialResult> trials, string metric, bool higherIsBetter, IReadOnlyList<Finding> findings, BoundaryData? boundaries = null)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var data = new ReportData(sweep, trials, metric, higherIsBetter, findings, boundaries);
        var html = new StringBuilder(capacity: 6_000_000);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Sweep report: ").Append(Html.Text(sweep)).Append("</title>\n<style>").Append(Style).Append("</style>\n")
            .Append("<script>\n").Append(PlotlyScript.Script).Append("\n</script>\n</head>\n<body>\n");
        html.Append("<header><h1>Sweep report: ").Append(Html.Text(sweep)).Append("</h1><p class=\"summary\">").Append(Html.Text(Summary(data))).Append("</p></header>\n");
        html.Append("<div class=\"layout\">\n<main>\n");
        AppendLeaderboard(html, data);
        AppendSettings(html, data);
        var drawn = new List<string>();
        var skipped = new List<string>();
        foreach (IReportChart chart in Charts)
        {
            ChartFigure figure = chart.Draw(data);
            html.Append("<section class=\"chart-section").Append(figure.Figure is null ? " skipped" : "").Append("\" id=\"section-").Append(chart.Id).Append("\">\n<h2>")
                .Append(Html.Text(chart.Title)).Append("</h2>\n<p class=\"guide\">").Append(Html.Text(chart.Guide)).Append("</p>\n");
            if (figure.Figure is null)
            {
                skipped.Add(chart.Id);
                html.Append("<p class=\"skipped-note\">Not drawn: ").Append(Html.Text(figure.Note)).Append("</p>\n</section>\n");
                continue;
            }

            drawn.Add(chart.Id);
            if (figure.Note is { } note)
            {
                html.Append("<p class=\"note\">").Append(Html.Text(note)).Append("</p>\n");
            }

            html.Append("<div class=\"chart\" id=\"chart-").Append(chart.Id).Append("\"></div>\n<script type=\"application/json\" class=\"figure\" id=\"figure-")
                .Append(chart.Id).Append("\">").Append(figure.Figure.ToJsonString(FigureJson)).Append("</script>\n</section>\n");
        }

        html.Append("</main>\n");
        AppendDiagnosis(html, data);
        html.Append("</div>\n");
        html.Append("<footer><p>Charts drawn by plotly.js v").Append(PlotlyScript.Version)
            .Append(" (MIT license, Copyright Plotly, Inc.), inlined from the Plotly.NET 6.0.0 package, so that this page needs no network.</p>\n")
            .Append("<details><summary>plotly.js license notices</summary><pre>").Append(Html.Text(PlotlyScript.License)).Append("</pre></details></footer>\n");
        html.Append("<script>\n").Append(DrawScript).Append("</script>\n</body>\n</html>\n");
        return new ReportPage(html.ToString(), drawn, skipped);
    }

    private static string Summary(ReportData data)
    {
        int n = data.Trials.Count;
        string statuses = string.Join(", ", TrialResultStatus.All.Select(s => $"{data.Trials.Count(t => t.Status == s):N0} {s}"));
        string best = data.Ranked.Count == 0 ? "no trial completed yet"
            : $"best {data.Metric} {Value(data.MetricOf(data.Ranked[0]))} ({data.Ranked[0].TrialId})";
        return $"{n:N0} trial{(n == 1 ? "" : "s")} ({statuses}); ranked by {data.Metric}, {(data.HigherIsBetter ? "higher" : "lower")} is better; {best}.";
    }

    private static void AppendLeaderboard(StringBuilder html, ReportData data)
    {
        IReadOnlyList<ConfigurationStanding> rows = Leaderboard.Of(data.Trials, data.Metric, data.HigherIsBetter).TopConfigurations();
        bool repeats = rows.Any(r => r.Trials.Count > 1);
        string? companion = TrialMetrics.RegressionCompanion(data.Metric);
        string[] settings = [.. data.Searched.Select(s => s.Name).Where(name => !repeats || name != "seed")];
        html.Append("<section class=\"table-section\" id=\"section-leaderboard\">\n<h2>Leaderboard</h2>\n<p class=\"guide\">")
            .Append(repeats
                ? Html.Text($"Configurations (settings without the seed) best first: those whose every seed completed first, then by the mean {data.Metric} over their completed seeds; a large standard deviation or a bad worst seed means the mean is luck.")
                : Html.Text($"Completed trials best first by {data.Metric}, ties broken by {TrialMetrics.TieBreakCost(data.Metric)}, then trial id."))
            .Append("</p>\n");
        if (rows.Count == 0)
        {
            html.Append("<p class=\"skipped-note\">No trial completed yet.</p>\n</section>\n");
            return;
        }

        if (rows.Count > LeaderboardRows)
        {
            html.Append("<p class=\"note\">The best ").Append(LeaderboardRows).Append(" of ").Append(rows.Count.ToString("N0", CultureInfo.InvariantCulture)).Append(" configurations.</p>\n");
        }

        html.Append("<table id=\"leaderboard\" class=\"leaderboard\">\n<thead><tr><th>#</th><th>").Append(repeats ? "configuration" : "trial").Append("</th>");
        foreach (string name in settings)
        {
            html.Append("<th>").Append(Html.Text(name)).Append("</th>");
        }

        html.Append(repeats
            ? $"<th>seeds completed</th><th>mean {Html.Text(data.Metric)}</th><th>std</th><th>worst</th>"
            : $"<th>{Html.Text(data.Metric)}</th>");
        if (companion is not null)
        {
            html.Append("<th>").Append(repeats ? "mean " : "").Append(Html.Text(companion)).Append("</th>");
        }

        if (!repeats)
        {
            html.Append($"<th>{Html.Text(TrialMetrics.TieBreakCost(data.Metric))}</th><th>gradcheck</th><th>gradient flow</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < Math.Min(rows.Count, LeaderboardRows); i++)
        {
            ConfigurationStanding row = rows[i];
            TrialResult first = row.Trials[0];
            string id = repeats ? row.ConfigurationId : first.TrialId;
            html.Append("<tr class=\"leaderboard-row\" data-rank=\"").Append(i + 1).Append("\" data-id=\"").Append(Html.Text(id)).Append("\"><td>").Append(i + 1)
                .Append("</td><td class=\"id\">").Append(Html.Text(id)).Append("</td>");
            foreach (string name in settings)
            {
                html.Append("<td>").Append(Html.Text(first.Parameters.GetValueOrDefault(name, ""))).Append("</td>");
            }

            if (repeats)
            {
                html.Append("<td>").Append(row.SeedsCompleted).Append('/').Append(row.Trials.Count).Append("</td><td>").Append(Value(row.Mean))
                    .Append("</td><td>").Append(Value(row.StandardDeviation)).Append("</td><td>").Append(Value(row.Worst)).Append("</td>");
            }
            else
            {
                html.Append("<td>").Append(Value(data.MetricOf(first))).Append("</td>");
            }

            if (companion is not null)
            {
                html.Append("<td>").Append(Value(repeats ? MeanOfCompleted(row, companion) : TrialMetrics.ValueOf(first, companion))).Append("</td>");
            }

            if (!repeats)
            {
                html.Append("<td>").Append(Value(TrialMetrics.ValueOf(first, TrialMetrics.TieBreakCost(data.Metric))))
                    .Append("</td><td>").Append(first.GradcheckDifference is { } d ? d.ToString("0.0e0", CultureInfo.InvariantCulture) : "-")
                    .Append("</td><td>").Append(Html.Text(first.GradientFlow ?? "-")).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    /// <summary>The mean of <paramref name="metric"/> over the configuration's completed seeds that have it, or null.</summary>
    private static double? MeanOfCompleted(ConfigurationStanding row, string metric)
    {
        double[] values = [.. row.Trials.Where(t => t.Status == TrialResultStatus.Completed).Select(t => TrialMetrics.ValueOf(t, metric)).OfType<double>()];
        return values.Length == 0 ? null : values.Average();
    }

    private static void AppendSettings(StringBuilder html, ReportData data)
    {
        html.Append("<section class=\"table-section\" id=\"section-settings\">\n<h2>Settings</h2>\n");
        if (data.Searched.Count == 0)
        {
            html.Append("<p class=\"skipped-note\">The sweep searched no setting.</p>\n");
        }
        else
        {
            html.Append("<table id=\"searched-settings\" class=\"settings\">\n<thead><tr><th>searched setting</th><th>values</th></tr></thead>\n<tbody>\n");
            foreach (SearchedSetting setting in data.Searched)
            {
                string values = setting.Values.Count <= 20 ? string.Join(", ", setting.Values)
                    : $"{setting.Values.Count} values from {setting.Values[0]} to {setting.Values[^1]}";
                html.Append("<tr><td>").Append(Html.Text(setting.Name)).Append("</td><td>").Append(Html.Text(values)).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        // The fixed settings: those every trial holds with one value and the sweep did not search.
        var searched = data.Searched.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var fixedSettings = data.Trials.Count == 0 ? [] : data.Trials[0].Settings
            .Where(s => !searched.Contains(s.Key) && data.Trials.All(t => t.Settings.TryGetValue(s.Key, out string? v) && v == s.Value))
            .ToList();
        if (fixedSettings.Count > 0)
        {
            html.Append("<table id=\"fixed-settings\" class=\"settings\">\n<thead><tr><th>fixed setting</th><th>value</th></tr></thead>\n<tbody>\n");
            foreach (var (name, value) in fixedSettings)
            {
                html.Append("<tr><td>").Append(Html.Text(name)).Append("</td><td>").Append(Html.Text(value)).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        html.Append("</section>\n");
    }

    private static void AppendDiagnosis(StringBuilder html, ReportData data)
    {
        html.Append("<aside id=\"diagnosis\">\n<h2>Diagnosis</h2>\n<p class=\"guide\">What the stored trials say, as <code>sweep diagnose</code> prints it.</p>\n<ul>\n");
        foreach (Finding finding in data.Findings)
        {
            html.Append("<li class=\"finding\" data-kind=\"").Append(Html.Text(finding.Kind)).Append("\">").Append(Html.Text(finding.Sentence)).Append("</li>\n");
        }

        if (data.Findings.Count == 0)
        {
            html.Append("<li class=\"finding\">Nothing to say yet.</li>\n");
        }

        html.Append("</ul>\n</aside>\n");
    }

    private static string Value(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-";

    private const string Style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #222; background: #fafafa; }
        header, footer { padding: 12px 24px; }
        footer { font-size: 0.85em; color: #555; border-top: 1px solid #ddd; }
        footer pre { max-height: 20em; overflow: auto; white-space: pre-wrap; }
        .layout { display: grid; grid-template-columns: minmax(0, 1fr) 24rem; gap: 16px; padding: 0 24px; }
        @media (max-width: 1100px) { .layout { grid-template-columns: minmax(0, 1fr); } }
        aside { position: sticky; top: 8px; align-self: start; max-height: calc(100vh - 16px); overflow: auto; background: #fff; border: 1px solid #ddd; padding: 8px 16px; }
        section { background: #fff; border: 1px solid #ddd; margin-bottom: 16px; padding: 8px 16px; }
        .guide { color: #444; } .note { color: #7a5c00; } .skipped-note { color: #888; font-style: italic; }
        .chart { width: 100%; min-height: 380px; }
        table { border-collapse: collapse; font-size: 0.9em; margin-bottom: 8px; }
        th, td { border-bottom: 1px solid #eee; padding: 3px 8px; text-align: left; }
        td.id { font-family: ui-monospace, monospace; }
        """;

    private const string DrawScript = """
        (function () {
          var charts = document.querySelectorAll('div.chart');
          for (var i = 0; i < charts.length; i++) {
            var div = charts[i];
            var figure = JSON.parse(document.getElementById('figure-' + div.id.substring('chart-'.length)).textContent);
            Plotly.newPlot(div, figure.data, figure.layout, { responsive: true, displaylogo: false });
          }
        })();

        """;
}
