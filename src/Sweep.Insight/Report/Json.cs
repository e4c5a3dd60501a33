using System.Globalization;
using System.Text.Json.Nodes;

namespace Sweep.Insight.Report;

/// <summary>Small builders for plotly.js JSON: numbers that may be NaN or infinite become null (a gap in a line).</summary>
internal static class Json
{
    public static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    public static JsonNode? Number(double? value) => value is { } v ? Number(v) : null;

    /// <summary>A number positive enough for a log axis, else null (plotly would drop it anyway, with a console warning).</summary>
    public static JsonNode? Positive(double? value) => value is { } v && double.IsFinite(v) && v > 0 ? JsonValue.Create(v) : null;

    public static JsonArray Numbers(IEnumerable<double?> values) => new(values.Select(Number).ToArray());

    public static JsonArray Numbers(IEnumerable<double> values) => new(values.Select(Number).ToArray());

    public static JsonArray Strings(IEnumerable<string?> values) => new(values.Select(v => v is null ? null : (JsonNode)JsonValue.Create(v)).ToArray());

    public static JsonArray Array(IEnumerable<JsonNode?> items) => new(items.ToArray());

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>A layout with the report's common settings and the given title-less axes.</summary>
    public static JsonObject Layout(JsonObject? xaxis = null, JsonObject? yaxis = null, int height = 420)
    {
        var layout = new JsonObject
        {
            ["height"] = height,
            ["margin"] = new JsonObject { ["l"] = 70, ["r"] = 20, ["t"] = 30, ["b"] = 60 },
            ["hovermode"] = "closest",
            ["legend"] = new JsonObject { ["orientation"] = "h", ["y"] = -0.2 },
        };
        if (xaxis is not null)
        {
            layout["xaxis"] = xaxis;
        }

        if (yaxis is not null)
        {
            layout["yaxis"] = yaxis;
        }

        return layout;
    }

    public static JsonObject Axis(string title, bool log = false)
    {
        var axis = new JsonObject { ["title"] = new JsonObject { ["text"] = title } };
        if (log)
        {
            axis["type"] = "log";
            axis["exponentformat"] = "e";
        }

        return axis;
    }
}
