namespace Sweep.Storage;

/// <summary>
/// The store file is a LiteDB file, or claims to be, but cannot be read as one: it was truncated, overwritten in part,
/// or its pages are corrupt. Nothing was written to it. The message names the file and what is wrong.
/// </summary>
public sealed class DamagedStoreException : TrialStoreException
{
    public DamagedStoreException()
    {
    }

    public DamagedStoreException(string message)
        : base(message)
    {
    }

    public DamagedStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
