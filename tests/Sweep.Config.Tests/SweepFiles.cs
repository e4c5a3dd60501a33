namespace Sweep.Config.Tests;

/// <summary>Sweep file texts the tests start from, and helpers to look at the errors of a rejected one.</summary>
internal static class SweepFiles
{
    /// <summary>The issue's example, line for line (the data relative to the sweep file's folder).</summary>
    public const string IssueExample = """
        name: course-init            # identity of the sweep in the store
        dataset: { train: data/circles_train.csv, test: data/circles_test.csv, label: y, normalize: false }
        model: { hidden: [10, 5], activation: relu, output: sigmoid }
        training: { iterations: 15000, learning_rate: 0.01, record_every: 1000, rng: numpy }
        search:                      # the grid: every combination is one trial
          initializer: [zeros, "random:10", he]
          l2_lambda: [0]
          keep_prob: [1.0]
          seed: [3]
        gradient_check: { enabled: true }
        metric: test_accuracy
        """;

    /// <summary>Writes the text as sweep.yaml in the folder and loads it, expecting it to be rejected.</summary>
    public static SweepFileException Reject(TempFolder folder, string text, string fileName = "sweep.yaml")
    {
        string path = folder.Write(fileName, text);
        return Assert.Throws<SweepFileException>(() => SweepFile.Load(path));
    }

    /// <summary>The one error at <paramref name="keyPath"/>, checked to sit on <paramref name="line"/> and to be in the message.</summary>
    public static SweepFileError ErrorAt(SweepFileException e, string keyPath, int line)
    {
        SweepFileError error = Assert.Single(e.Errors, x => x.KeyPath == keyPath);
        Assert.Equal(line, error.Line);
        Assert.Contains($"sweep.yaml:{line}:{error.Column}: {keyPath}: ", e.Message, StringComparison.Ordinal);
        return error;
    }
}
