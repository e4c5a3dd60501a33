using Spectre.Console;

namespace Sweep.Cli.Output;

/// <summary>
/// The console the commands write to: with colours and a live view on a terminal, plain text without escape codes
/// when output goes to a file, a pipe or a container's log.
/// </summary>
internal static class Terminal
{
    public static bool IsInteractive { get; } =
        !System.Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");

    public static IAnsiConsole Out => SpectreConsole.Value;

    /// <summary>Made when first used: a query that writes only plain lines and tables never sets Spectre up.</summary>
    private static readonly Lazy<IAnsiConsole> SpectreConsole = new(() => IsInteractive ? AnsiConsole.Console : Plain());

    /// <summary>The width <see cref="Plain"/> gives the console when output goes to a file, a pipe or a log.</summary>
    private const int PlainWidth = 4096;

    /// <summary>
    /// Writes a line as <c>Out.WriteLine</c> does. Without a terminal, a line of printable characters that fits the
    /// width goes straight to the standard output, which is what Spectre's plain console writes for it.
    /// </summary>
    public static void WriteLine(string line)
    {
        if (!IsInteractive && line.Length <= PlainWidth / 2 && !line.Any(char.IsControl))
        {
            System.Console.Out.WriteLine(line);
        }
        else
        {
            Out.WriteLine(line);
        }
    }

    /// <summary>Writes a table as <c>Out.Write</c> writes its Spectre form; without a terminal, directly where it can (<see cref="TextTable.TryWritePlain"/>).</summary>
    public static void Write(TextTable table)
    {
        if (!IsInteractive)
        {
            // Through a buffer of its own: the console's writer passes on every 256 characters, and a table of
            // 20,000 rows took 12,000 writes to the standard output.
            System.Console.Out.Flush();
            using var output = new StreamWriter(System.Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16);
            if (table.TryWritePlain(output, PlainWidth))
            {
                return;
            }
        }

        Out.Write(table.ToSpectre());
    }

    /// <summary>No escape codes, and wide enough that a table row or a progress line stays one line in a log.</summary>
    private static IAnsiConsole Plain()
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(System.Console.Out),
        });
        console.Profile.Width = PlainWidth;
        return console;
    }
}
