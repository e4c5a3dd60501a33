namespace Sweep.Insight.Report;

/// <summary>
/// One chart of the report: a stable id (the page's <c>div#chart-{Id}</c>), a title, and a figure drawn from the
/// sweep's trials, or a note saying why the sweep cannot draw it.
/// </summary>
public interface IReportChart
{
    /// <summary>Lowercase words joined by dashes, e.g. <c>optimization-history</c>; unique within the report.</summary>
    string Id { get; }

    string Title { get; }

    /// <summary>One sentence saying what to look for in the chart.</summary>
    string Guide { get; }

    ChartFigure Draw(ReportData data);
}
