namespace Sweep.Insight.Tests.Browser;

/// <summary>What headless Chromium made of a page: each chart, the errors it logged, what it tried to fetch.</summary>
/// <param name="Charts">Every element matching the chart selector, in document order.</param>
/// <param name="Errors">Uncaught exceptions ("page error: ...") and console.error messages ("console error: ..."),
/// including Chromium's own "Failed to load resource" for a blocked request, in the order they came.</param>
/// <param name="BlockedRequests">URLs the page asked for that are not file:, data:, blob: or about: (all aborted).</param>
/// <param name="TimeToDraw">From the start of navigation until the charts reached their final state: all drawn, or
/// unchanged for the settle time after the load event (then it includes neither the settle time nor later polls).</param>
public sealed record PageRender(
    IReadOnlyList<ChartRender> Charts,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> BlockedRequests,
    TimeSpan TimeToDraw)
{
    /// <summary>At least one chart, and every chart drew.</summary>
    public bool AllChartsDrawn => Charts.Count > 0 && Charts.All(c => c.Drawn);

    /// <summary>The charts that did not draw, for an assertion message.</summary>
    public string Summary =>
        string.Join("; ", Charts.Select(c => $"{c.Id}: {(c.Drawn ? "drawn" : "NOT drawn")} ({c.Detail})"))
        + (Errors.Count > 0 ? " | errors: " + string.Join(" / ", Errors) : "")
        + (BlockedRequests.Count > 0 ? " | blocked: " + string.Join(" ", BlockedRequests) : "");
}

/// <summary>One chart element: its id, whether its plot area has something in it, and why (see
/// <see cref="HeadlessChromium"/> for the check).</summary>
/// <param name="Detail">The marks found ("40 path.point, 1 path.js-line") or why it counts as not drawn.</param>
public sealed record ChartRender(string Id, bool Drawn, string Detail);
