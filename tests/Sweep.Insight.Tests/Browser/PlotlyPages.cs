using System.Globalization;
using System.Text;

namespace Sweep.Insight.Tests.Browser;

/// <summary>Small self-contained HTML pages with plotly.js inlined, written to a temporary folder, to prove the
/// harness on what the report will be: one <c>&lt;div class="chart" id="chart-..."&gt;</c> per chart, each drawn
/// with <c>Plotly.newPlot</c>.</summary>
public static class PlotlyPages
{
    /// <summary>The resource in Plotly.NET 6.0.0 that holds plotly.js 2.28.0 (MIT license), as the report inlines it.</summary>
    public const string ResourceName = "Plotly.NET.plotly-2.28.0.min.js";

    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(Plotly.NET.GenericChart).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not in Plotly.NET's assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    /// <summary>plotly.js 2.28.0's source.</summary>
    public static string PlotlyJs => Script.Value;

    /// <summary>A scatter with lines and markers.</summary>
    public const string Scatter =
        "[{ type: 'scatter', mode: 'lines+markers', x: [1, 2, 3, 4, 5], y: [0.69, 0.41, 0.30, 0.26, 0.24] }]";

    /// <summary>A 3 x 4 heatmap.</summary>
    public const string Heatmap =
        "[{ type: 'heatmap', x: [0, 0.1, 0.7], y: [0.5, 0.7, 0.86, 1], z: [[0.5, 0.6, 0.9], [0.5, 0.8, 0.93], [0.6, 0.9, 0.95], [0.6, 0.9, 0.94]] }]";

    /// <summary>Parallel coordinates over three settings and a metric (WebGL).</summary>
    public const string ParallelCoordinates =
        "[{ type: 'parcoords', line: { color: [0.4, 0.9, 0.95, 0.5] }, dimensions: [" +
        "{ label: 'l2_lambda', values: [0, 0.1, 0.7, 0.7] }, { label: 'keep_prob', values: [1, 0.86, 0.86, 1] }, " +
        "{ label: 'seed', values: [1, 2, 3, 4] }, { label: 'test_accuracy', values: [0.4, 0.9, 0.95, 0.5] }] }]";

    /// <summary>Writes a page with plotly inlined and one chart div per entry of <paramref name="charts"/>, drawn by
    /// <c>Plotly.newPlot(id, data)</c> when the data is not null and left empty when it is. <paramref name="extraHead"/>
    /// and <paramref name="extraScript"/> go in as they are. Returns the file's path.</summary>
    public static string Write(
        string directory, string name, IEnumerable<(string Id, string? Data)> charts, string extraHead = "", string extraScript = "")
    {
        var list = charts.ToList();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").Append(name).Append("</title>\n");
        // An inlined script ends at the first "</script", wherever it is: escape it as the report must.
        html.Append("<script>").Append(PlotlyJs.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)).Append("</script>\n");
        html.Append(extraHead).Append("</head><body>\n");
        foreach (var (id, _) in list)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"chart\" id=\"{id}\" style=\"width: 600px; height: 400px\"></div>\n");
        }
        html.Append("<script>\n");
        foreach (var (id, data) in list.Where(c => c.Data is not null))
        {
            html.Append(CultureInfo.InvariantCulture, $"Plotly.newPlot('{id}', {data}, {{ title: '{id}' }});\n");
        }
        html.Append(extraScript).Append("\n</script>\n</body></html>\n");

        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".html");
        File.WriteAllText(path, html.ToString());
        return path;
    }
}
