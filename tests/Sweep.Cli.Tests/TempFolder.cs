namespace Sweep.Cli.Tests;

/// <summary>A scratch folder for a test's sweep files and stores, removed afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sweep-cli-{Guid.NewGuid():N}");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes a sweep file whose data paths point at the repository's data folder.</summary>
    public string SweepFile(string name, string yaml)
    {
        string path = File(name);
        System.IO.File.WriteAllText(path, yaml.Replace("{data}", System.IO.Path.Combine(SweepProcess.RepositoryRoot, "data"), StringComparison.Ordinal));
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
