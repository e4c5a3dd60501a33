namespace Sweep.Config.Tests;

/// <summary>
/// A fresh folder under the system temp folder for a test's sweep and data files, deleted afterwards. It starts with
/// data/ holding copies of the course's circles and football files, so sweep files can name them relatively.
/// </summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sweep-config-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "data"));
        foreach (string name in new[] { "circles_train.csv", "circles_test.csv", "football_train.csv", "football_test.csv" })
        {
            File.Copy(DataFiles.PathOf(name), System.IO.Path.Combine(Path, "data", name));
        }
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> exactly to a file of that name (folders created) and returns its path.</summary>
    public string Write(string fileName, string text)
    {
        string path = System.IO.Path.Combine(Path, fileName);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
