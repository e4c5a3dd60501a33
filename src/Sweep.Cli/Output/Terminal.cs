using Spectre.Console;

namespace Sweep.Cli.Output;

/// <summary>
/// The console the commands write to: with colours and a live view on a terminal, plain text without escape codes
/// when output goes to a file, a pipe or a container's log.
/// </summary>
internal static class Terminal
{
    public static bool IsInteractive { get; } =
        !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");

    public static IAnsiConsole Out { get; } = IsInteractive ? AnsiConsole.Console : Plain();

    /// <summary>No escape codes, and wide enough that a table row or a progress line stays one line in a log.</summary>
    private static IAnsiConsole Plain()
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        console.Profile.Width = 4096;
        return console;
    }
}
