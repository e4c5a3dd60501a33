namespace Sweep.Config;

/// <summary>
/// A sweep file cannot be used. The message is what a user sees: every problem found, one per line, each as
/// <c>file:line:column: key.path: what is wrong</c>, so callers print <see cref="Exception.Message"/> and never a
/// stack trace. <see cref="Errors"/> holds the same problems one by one.
/// </summary>
public sealed class SweepFileException : Exception
{
    public SweepFileException()
    {
        SourcePath = string.Empty;
        Errors = [];
    }

    public SweepFileException(string message)
        : base(message)
    {
        SourcePath = string.Empty;
        Errors = [];
    }

    public SweepFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        SourcePath = string.Empty;
        Errors = [];
    }

    internal SweepFileException(string sourcePath, IReadOnlyList<SweepFileError> errors, Exception? innerException = null)
        : base(Describe(sourcePath, errors), innerException)
    {
        SourcePath = sourcePath;
        Errors = errors;
    }

    /// <summary>The sweep file as the caller named it (empty when built from a bare message).</summary>
    public string SourcePath { get; }

    /// <summary>Every problem found, in the order of the file where practical.</summary>
    public IReadOnlyList<SweepFileError> Errors { get; }

    private static string Describe(string sourcePath, IReadOnlyList<SweepFileError> errors) => errors.Count switch
    {
        0 => $"{sourcePath}: the sweep file is not valid",
        1 => errors[0].ToString(),
        _ => $"{sourcePath}: {errors.Count} errors{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", errors.Select(e => e.ToString())),
    };
}
