using System.Globalization;

namespace Sweep.Cli;

/// <summary>
/// Where an unforeseen failure's details go: a file of its own, so that the user sees one line that names it and a
/// bug report can attach it. <c>SWEEP_LOG_DIR</c> chooses the folder (default: the system's temporary folder).
/// </summary>
internal static class FailureLog
{
    /// <summary>Writes the exception, the command line and the version; returns the file, or null when it could not be written.</summary>
    public static string? Write(Exception exception, IReadOnlyList<string> arguments)
    {
        string folder = Environment.GetEnvironmentVariable("SWEEP_LOG_DIR") is { Length: > 0 } chosen
            ? chosen
            : Path.Combine(Path.GetTempPath(), "sweep-logs");
        string path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture,
            $"sweep-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.log"));
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture,
                $"""
                time (UTC): {DateTime.UtcNow:O}
                command: sweep {string.Join(' ', arguments)}
                version: {typeof(FailureLog).Assembly.GetName().Version}, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}

                {exception}

                """));
            return path;
        }
        catch (Exception writeFailure) when (writeFailure is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
