using System.Text;
using System.Text.RegularExpressions;

namespace Sweep.Cli;

/// <summary>How an error reaches the terminal: plain words, one line per problem, whatever the input it quotes.</summary>
internal static partial class CommandLineWords
{
    /// <summary>Longer lines are cut: a message quotes input (a header line, an id) that can be megabytes.</summary>
    private const int MaxLength = 2000;

    /// <summary>
    /// Printable text: line breaks are kept only in a list of problems (a sweep file's errors, one per line) and
    /// otherwise become spaces, as do carriage returns and tabs; other control characters (an escape sequence in a
    /// quoted cell would drive the terminal) become '?'.
    /// </summary>
    public static string Printable(string message, bool isList = false)
    {
        var text = new StringBuilder(Math.Min(message.Length, MaxLength + 1));
        foreach (char c in message.AsSpan(0, Math.Min(message.Length, MaxLength)))
        {
            text.Append(c switch
            {
                '\n' => isList ? '\n' : ' ',
                '\r' or '\t' => ' ',
                _ when char.IsControl(c) => '?',
                _ => c,
            });
        }

        return message.Length > MaxLength ? text.Append(" [...]").ToString() : text.ToString();
    }

    /// <summary>System.CommandLine's parse errors name .NET types ("expected type 'System.Int32'"); users read kinds of value.</summary>
    public static string Plain(string message) => DotNetType().Replace(message, match => match.Groups[1].Value switch
    {
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" => "a number",
        "System.Boolean" => "true or false",
        var other => other,
    });

    [GeneratedRegex(@"expected type '([\w.]+)'")]
    private static partial Regex DotNetType();
}
