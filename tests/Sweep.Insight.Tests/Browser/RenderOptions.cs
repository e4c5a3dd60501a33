namespace Sweep.Insight.Tests.Browser;

/// <summary>How <see cref="HeadlessChromium.RenderAsync"/> looks at a page.</summary>
public sealed record RenderOptions
{
    /// <summary>The elements that are charts; the report gives each chart <c>&lt;div class="chart" id="chart-..."&gt;</c>.</summary>
    public string ChartSelector { get; init; } = "div.chart";

    /// <summary>Where to write a full-page PNG once the charts settled; none if null.</summary>
    public string? ScreenshotPath { get; init; }

    /// <summary>How long charts that are not all drawn may stay unchanged after the load event before the render is
    /// taken as final. Plotly draws within newPlot's promise, a few frames at most, so this only delays a page whose
    /// charts do not all draw.</summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The most the load and the drawing may take before the render fails with a TimeoutException.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The browser window, which is also the width the charts lay out in.</summary>
    public int ViewportWidth { get; init; } = 1280;

    public int ViewportHeight { get; init; } = 900;
}
