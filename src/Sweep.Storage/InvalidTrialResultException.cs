namespace Sweep.Storage;

/// <summary>
/// A result the store refuses to write (no id, no sweep, an unknown status). It is the caller's mistake, not damage
/// to the file, so the store lets it through as it is.
/// </summary>
public sealed class InvalidTrialResultException : ArgumentException
{
    public InvalidTrialResultException()
    {
    }

    public InvalidTrialResultException(string message)
        : base(message)
    {
    }

    public InvalidTrialResultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
