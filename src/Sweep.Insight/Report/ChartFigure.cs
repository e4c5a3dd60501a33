using System.Text.Json.Nodes;

namespace Sweep.Insight.Report;

/// <summary>
/// What a chart drew: a plotly.js figure (<c>{"data": [...], "layout": {...}}</c>) and an optional note (e.g. that
/// the points are a sample), or no figure and the reason it was skipped.
/// </summary>
public sealed record ChartFigure(JsonObject? Figure, string? Note)
{
    public static ChartFigure Skipped(string reason) => new(null, reason);

    public static ChartFigure Of(JsonArray data, JsonObject layout, string? note = null) =>
        new(new JsonObject { ["data"] = data, ["layout"] = layout }, note);
}
