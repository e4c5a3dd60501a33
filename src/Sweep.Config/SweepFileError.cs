using System.Globalization;

namespace Sweep.Config;

/// <summary>
/// One problem found in a sweep file: where it is (the file, the key's path such as <c>search.keep_prob[1]</c>, and
/// the 1-based line and column of the offending YAML node) and what is wrong.
/// </summary>
/// <param name="SourcePath">The sweep file as the caller named it.</param>
/// <param name="KeyPath">
/// The key's path: dotted mapping keys and <c>[index]</c> for list items (<c>dataset.train</c>,
/// <c>search[2].keep_prob[0]</c>); null when the problem is the file as a whole (empty, not YAML).
/// </param>
/// <param name="Line">The 1-based line of the node, when known.</param>
/// <param name="Column">The 1-based column of the node, when known.</param>
/// <param name="Problem">What is wrong and, where it helps, what would be right.</param>
public sealed record SweepFileError(string SourcePath, string? KeyPath, int? Line, int? Column, string Problem)
{
    /// <summary><c>file:line:column: key.path: problem</c>, the shape compilers use, so editors can jump to it.</summary>
    public override string ToString()
    {
        string location = Line is { } line
            ? string.Create(CultureInfo.InvariantCulture, $"{SourcePath}:{line}:{Column ?? 1}")
            : SourcePath;
        return KeyPath is null ? $"{location}: {Problem}" : $"{location}: {KeyPath}: {Problem}";
    }
}
