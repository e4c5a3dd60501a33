namespace Sweep.Storage.Tests;

/// <summary>A fresh database path in a directory of its own, deleted with everything LiteDB left beside it.</summary>
internal sealed class TempStoreFile : IDisposable
{
    private readonly string _directory;

    public TempStoreFile()
    {
        _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sweep-storage-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        Path = System.IO.Path.Combine(_directory, "sweep.db");
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
