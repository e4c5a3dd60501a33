namespace Sweep.Protocol.Datasets;

/// <summary>A data set did not arrive whole: the message says what was wrong, in words meant for the user.</summary>
public sealed class DatasetTransferException : Exception
{
    public DatasetTransferException()
    {
    }

    public DatasetTransferException(string message)
        : base(message)
    {
    }

    public DatasetTransferException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
