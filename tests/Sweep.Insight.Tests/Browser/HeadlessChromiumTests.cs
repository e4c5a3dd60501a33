using Xunit.Abstractions;

namespace Sweep.Insight.Tests.Browser;

[Collection(ChromiumTestGroup.Name)]
public sealed class HeadlessChromiumTests(ChromiumFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sweep-browser-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<PageRender> RenderAsync(string page, RenderOptions? options = null)
    {
        var render = await fixture.Chromium.RenderAsync(page, options);
        output.WriteLine($"{Path.GetFileName(page)}: {render.TimeToDraw.TotalMilliseconds:F0} ms | {render.Summary}");
        return render;
    }

    [Fact]
    public async Task A_scatter_a_heatmap_and_parallel_coordinates_all_draw_offline_without_errors()
    {
        var page = PlotlyPages.Write(_directory, "three-charts",
            [("chart-scatter", PlotlyPages.Scatter), ("chart-heatmap", PlotlyPages.Heatmap), ("chart-parcoords", PlotlyPages.ParallelCoordinates)]);
        var screenshot = Path.Combine(_directory, "three-charts.png");

        var render = await RenderAsync(page, new RenderOptions { ScreenshotPath = screenshot });

        Assert.Equal(["chart-scatter", "chart-heatmap", "chart-parcoords"], render.Charts.Select(c => c.Id));
        Assert.True(render.AllChartsDrawn, render.Summary);
        Assert.Empty(render.Errors);
        Assert.Empty(render.BlockedRequests);
        Assert.Contains("path.point", render.Charts[0].Detail, StringComparison.Ordinal);
        Assert.Contains(".heatmaplayer image", render.Charts[1].Detail, StringComparison.Ordinal);
        Assert.Contains("4 .parcoords .y-axis", render.Charts[2].Detail, StringComparison.Ordinal);
        Assert.True(render.TimeToDraw > TimeSpan.Zero);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is a real picture");
    }

    [Fact]
    public async Task A_horizontal_bar_chart_counts_as_drawn_by_its_bars()
    {
        var page = PlotlyPages.Write(_directory, "bars",
            [("chart-bars", "[{ type: 'bar', orientation: 'h', x: [0.7, 0.3], y: ['learning_rate', 'l2_lambda'] }]")]);

        var render = await RenderAsync(page);

        Assert.True(render.AllChartsDrawn, render.Summary);
        Assert.Contains("2 .barlayer .point path", render.Charts[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_script_error_is_reported_with_its_text()
    {
        var page = PlotlyPages.Write(_directory, "script-error", [("chart-scatter", PlotlyPages.Scatter)],
            extraScript: "undefinedReportFunction(42);");

        var render = await RenderAsync(page);

        Assert.True(render.AllChartsDrawn, render.Summary);
        var error = Assert.Single(render.Errors);
        Assert.StartsWith("page error:", error, StringComparison.Ordinal);
        Assert.Contains("undefinedReportFunction is not defined", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_console_error_is_reported_with_its_text()
    {
        var page = PlotlyPages.Write(_directory, "console-error", [("chart-scatter", PlotlyPages.Scatter)],
            extraScript: "console.error('the store had no trials');");

        var render = await RenderAsync(page);

        Assert.Equal(["console error: the store had no trials"], render.Errors);
    }

    [Fact]
    public async Task A_chart_left_empty_or_plotted_without_data_is_reported_as_not_drawn()
    {
        var page = PlotlyPages.Write(_directory, "empty-charts",
            [("chart-scatter", PlotlyPages.Scatter), ("chart-never-plotted", null), ("chart-no-data", "[]"),
             ("chart-all-nan", "[{ type: 'scatter', mode: 'markers', x: [1, 2], y: [NaN, NaN] }]")]);

        var render = await RenderAsync(page);

        Assert.Equal([true, false, false, false], render.Charts.Select(c => c.Drawn));
        Assert.False(render.AllChartsDrawn);
        Assert.Equal("plotly did not draw into it", render.Charts[1].Detail);
        Assert.Equal("plot area has no data marks", render.Charts[2].Detail);
        Assert.Equal("plot area has no data marks", render.Charts[3].Detail);
        Assert.Empty(render.Errors);
    }

    [Fact]
    public async Task A_page_without_charts_does_not_count_as_all_drawn()
    {
        var page = PlotlyPages.Write(_directory, "no-charts", []);

        var render = await RenderAsync(page);

        Assert.Empty(render.Charts);
        Assert.False(render.AllChartsDrawn);
    }

    [Fact]
    public async Task An_external_url_is_not_loaded_and_is_reported()
    {
        var page = PlotlyPages.Write(_directory, "external", [("chart-scatter", PlotlyPages.Scatter)],
            extraHead: "<script src=\"https://cdn.plot.ly/plotly-2.28.0.min.js\"></script>\n" +
                       "<img id=\"logo\" src=\"http://example.com/logo.png\">\n");

        var render = await RenderAsync(page);

        Assert.Equal(["http://example.com/logo.png", "https://cdn.plot.ly/plotly-2.28.0.min.js"], render.BlockedRequests.Order(StringComparer.Ordinal));
        Assert.Contains(render.Errors, e => e.Contains("Failed to load resource", StringComparison.Ordinal));
        Assert.True(render.AllChartsDrawn, render.Summary);
    }
}
