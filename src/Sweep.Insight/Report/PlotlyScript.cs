using System.Reflection;

namespace Sweep.Insight.Report;

/// <summary>
/// plotly.js as the Plotly.NET package embeds it (its minified distribution and license), read once, so that the
/// report inlines it and opens with no network.
/// </summary>
public static class PlotlyScript
{
    public const string Version = "2.28.0";

    private const string ScriptResource = "Plotly.NET.plotly-" + Version + ".min.js";
    // "</script" inside the inlined code would end its element early; written "<\/script" it means the same to JavaScript.
    private static readonly Lazy<string> _script = new(() => Read(ScriptResource).Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase));
    private static readonly Lazy<string> _license = new(() => Read(ScriptResource + ".LICENSE.txt"));

    /// <summary>The minified plotly.js, which starts with its own banner ("plotly.js v2.28.0 ... MIT").</summary>
    public static string Script => _script.Value;

    /// <summary>The license notices of plotly.js and the code it bundles.</summary>
    public static string License => _license.Value;

    private static string Read(string name)
    {
        Assembly assembly = typeof(Plotly.NET.GenericChart).Assembly;
        using Stream stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} {assembly.GetName().Version} does not embed {name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
