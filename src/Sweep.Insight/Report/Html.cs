using System.Net;

namespace Sweep.Insight.Report;

internal static class Html
{
    public static string Text(string? text) => WebUtility.HtmlEncode(text ?? "");
}
