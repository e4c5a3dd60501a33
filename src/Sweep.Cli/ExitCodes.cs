namespace Sweep.Cli;

/// <summary>What <c>sweep</c>'s exit status means; the README's "Exit codes" table says the same.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Sweep itself failed in a way it did not foresee: a bug. The message names the log with the details.</summary>
    public const int InternalError = 1;

    /// <summary>What was asked is wrong: an option, the sweep file, the data, a path that cannot be used.</summary>
    public const int BadInput = 2;

    /// <summary>
    /// The store or a file refuses: the store is damaged, holds another sweep or other data under this name, another
    /// process runs a sweep into it, or a write would replace a file that is not the command's own output.
    /// </summary>
    public const int Refused = 3;

    /// <summary>A sweep ran to its end, but none of its trials completed (all diverged, failed their gradient check, or failed).</summary>
    public const int NoTrialCompleted = 4;

    /// <summary><c>rerun</c>: the trial trained again is not bit-identical to the stored one (the message names the first difference).</summary>
    public const int NotReproduced = 4;

    /// <summary>Stopped by Ctrl+C or SIGTERM; what was stored is kept.</summary>
    public const int Interrupted = 130;
}
