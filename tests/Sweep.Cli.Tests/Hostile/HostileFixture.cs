using System.Security.Cryptography;

namespace Sweep.Cli.Tests.Hostile;

/// <summary>
/// A folder with a small finished sweep (<c>good.db</c>, three trials of one sweep), a store of two sweeps
/// (<c>multi.db</c>), their sweep files, and copies of the data they train on, made once for the hostile-input tests.
/// </summary>
public sealed class HostileFixture : IDisposable
{
    public const string TinySweep = """
        name: tiny
        dataset: { train: train.csv, test: test.csv, label: y }
        model: { hidden: [4], activation: relu }
        training: { iterations: 40, learning_rate: 0.3, record_every: 10 }
        search:
          seed: [1, 2, 3]
        """;

    private readonly TempFolder _folder = new();

    public HostileFixture()
    {
        string data = Path.Combine(SweepProcess.RepositoryRoot, "data");
        File.Copy(Path.Combine(data, "football_train.csv"), _folder.File("train.csv"));
        File.Copy(Path.Combine(data, "football_test.csv"), _folder.File("test.csv"));
        File.WriteAllText(_folder.File("tiny.yaml"), TinySweep);
        File.WriteAllText(_folder.File("other.yaml"), TinySweep.Replace("name: tiny", "name: other", StringComparison.Ordinal)
            .Replace("seed: [1, 2, 3]", "seed: [4]", StringComparison.Ordinal));
        Run("run", "tiny.yaml", "--db", "good.db", "--slots", "2");
        File.Copy(_folder.File("good.db"), _folder.File("multi.db"));
        Run("run", "other.yaml", "--db", "multi.db", "--slots", "2");
        GoodStore = File.ReadAllBytes(_folder.File("good.db"));
    }

    public string Folder => _folder.Path;

    /// <summary>The bytes of <c>good.db</c> as the sweep left them.</summary>
    public byte[] GoodStore { get; }

    public string PathOf(string name) => _folder.File(name);

    /// <summary>A folder of the test's own with the data, the sweep files and a copy of <c>good.db</c>.</summary>
    public TempFolder Workspace()
    {
        var workspace = new TempFolder();
        foreach (string name in new[] { "train.csv", "test.csv", "tiny.yaml", "other.yaml", "good.db", "multi.db" })
        {
            System.IO.File.Copy(_folder.File(name), workspace.File(name));
        }

        return workspace;
    }

    public static string Hash(string path) => Convert.ToHexString(SHA256.HashData(System.IO.File.ReadAllBytes(path)));

    public void Dispose() => _folder.Dispose();

    private void Run(params string[] arguments)
    {
        var (code, output) = SweepProcess.Run(_folder.Path, arguments);
        Assert.True(code == 0, $"sweep {string.Join(' ', arguments)} exited {code}: {output}");
    }
}
