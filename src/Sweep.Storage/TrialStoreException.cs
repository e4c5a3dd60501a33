namespace Sweep.Storage;

/// <summary>
/// The store file cannot be used: it is missing, not a LiteDB database, locked, or unreadable. The message names the
/// file and is meant for the user as it is.
/// </summary>
public class TrialStoreException : Exception
{
    public TrialStoreException()
    {
    }

    public TrialStoreException(string message)
        : base(message)
    {
    }

    public TrialStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
