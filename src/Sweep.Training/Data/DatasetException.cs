namespace Sweep.Training.Data;

/// <summary>
/// A data set could not be loaded, split or generated. The message is the text a user sees: it names the file, the
/// line as a text editor numbers it (the header is line 1), the column by number and name, and what is wrong, so
/// callers print <see cref="Exception.Message"/> and never a stack trace.
/// </summary>
public sealed class DatasetException : Exception
{
    public DatasetException()
    {
    }

    public DatasetException(string message)
        : base(message)
    {
    }

    public DatasetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal DatasetException(string message, string? filePath, int? lineNumber, string? column, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        Column = column;
    }

    /// <summary>The file as the caller named it, when the problem is in a file.</summary>
    public string? FilePath { get; }

    /// <summary>The 1-based line (header = 1) where the offending record starts, when there is one.</summary>
    public int? LineNumber { get; }

    /// <summary>The offending column as <c>3 (x2)</c>, when there is one.</summary>
    public string? Column { get; }
}
