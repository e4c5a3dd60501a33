using Sweep.Domain;
using Sweep.Storage;

namespace Sweep.Cli.Tests.Rerun;

/// <summary>
/// One store, <c>rerun.db</c>, of three small sweeps whose sweep files name their data relatively (<c>data/...</c>):
/// <c>mixed</c> (a trial that completes and one that diverges), <c>strict</c> (a gradient check no trial can pass) and
/// <c>tpe</c> (12 configurations, one at a time, so the last stored was proposed by TPE). The tests rerun its trials.
/// </summary>
public sealed class RerunFixture : IDisposable
{
    public const string Mixed = """
        name: mixed
        dataset: { train: data/train.csv, test: data/test.csv, label: y }
        model: { hidden: [4], activation: relu }
        training: { iterations: 40, record_every: 10, keep_prob: 0.9 }
        search:
          learning_rate: [0.3, 1e9]
          seed: [1]
        """;

    public const string Strict = """
        name: strict
        dataset: { train: data/train.csv, test: data/test.csv, label: y }
        model: { hidden: [4] }
        training: { iterations: 50, record_every: 10 }
        gradient_check: { threshold: 1e-300, epsilon: 1e-7 }
        search:
          seed: [1]
        """;

    public const string Tpe = """
        name: tpe
        dataset: { train: data/train.csv, test: data/test.csv, label: y }
        model: { hidden: [6] }
        training: { record_every: 20 }
        strategy: { name: tpe, samples: 12, seed: 5, parallel: 1 }
        search:
          learning_rate: { log_uniform: [0.01, 1.0] }
          l2_lambda: { uniform: [0, 1] }
          iterations: { int: [40, 120] }
          initializer: [he, xavier]
        """;

    private readonly TempFolder _folder = new();

    public RerunFixture()
    {
        Directory.CreateDirectory(_folder.File("data"));
        string data = Path.Combine(SweepProcess.RepositoryRoot, "data");
        File.Copy(Path.Combine(data, "football_train.csv"), _folder.File("data/train.csv"));
        File.Copy(Path.Combine(data, "football_test.csv"), _folder.File("data/test.csv"));
        foreach (var (name, text, exitCode) in new[] { ("mixed", Mixed, 0), ("strict", Strict, 4), ("tpe", Tpe, 0) })
        {
            File.WriteAllText(_folder.File(name + ".yaml"), text);
            var (code, output) = SweepProcess.Run(_folder.Path, "run", name + ".yaml", "--db", "rerun.db", "--slots", name == "tpe" ? "1" : "2");
            Assert.True(code == exitCode, $"sweep run {name}.yaml exited {code}: {output}");
        }

        Trials = SweepProcess.ReadStore(Store, store => store.Trials(), []);
    }

    public string Folder => _folder.Path;

    public string Store => _folder.File("rerun.db");

    /// <summary>Every trial of the store as the sweeps stored it.</summary>
    public IReadOnlyList<TrialResult> Trials { get; }

    public TrialResult Only(string sweep, string status) => Assert.Single(Trials, t => t.Sweep == sweep && t.Status == status);

    public string PathOf(string name) => _folder.File(name);

    public void Dispose() => _folder.Dispose();
}
