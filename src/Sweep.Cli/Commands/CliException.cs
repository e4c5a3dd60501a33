namespace Sweep.Cli.Commands;

/// <summary>A problem with what the user asked for; its message is printed as is, with a non-zero exit code.</summary>
internal sealed class CliException : Exception
{
    public CliException()
    {
    }

    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int ExitCode { get; init; } = 2;

    /// <summary>The message lists several problems, one per line (a sweep file's errors); any other keeps to one line.</summary>
    public bool IsList { get; init; }
}
