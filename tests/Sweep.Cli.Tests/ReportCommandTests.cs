namespace Sweep.Cli.Tests;

// A real two-feature sweep, then `sweep report` on its store, as a user would: decision boundaries come from the data
// the store's kept sweep file points at, and a report whose data changed or is gone says so and draws the rest.
[Collection(SweepProcess.Collection)]
public class ReportCommandTests
{
    private const string TwoFeatures = """
        name: boundaries
        dataset: { train: data/train.csv, test: data/test.csv, label: y }
        model: { hidden: [5], activation: relu }
        training: { iterations: 300, learning_rate: 0.3, record_every: 100, seed: 1 }
        search:
          l2_lambda: [0, 0.7]
        """;

    [Fact]
    public void Report_draws_decision_boundaries_from_the_kept_data_and_says_so_when_it_changed_or_is_gone()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("data"));
        File.Copy(Path.Combine(SweepProcess.RepositoryRoot, "data", "football_train.csv"), folder.File("data/train.csv"));
        File.Copy(Path.Combine(SweepProcess.RepositoryRoot, "data", "football_test.csv"), folder.File("data/test.csv"));
        folder.SweepFile("boundaries.yaml", TwoFeatures);
        var (runCode, runOutput) = SweepProcess.Run(folder.Path, "run", "boundaries.yaml", "--db", "sweep.db", "--slots", "1");
        Assert.True(runCode == 0, runOutput);

        var (code, output) = SweepProcess.Run(folder.Path, "report", "--db", "sweep.db", "--out", "report.html");
        string html = File.ReadAllText(folder.File("report.html"));
        File.AppendAllText(folder.File("data/test.csv"), File.ReadLines(folder.File("data/test.csv")).Last() + "\n");
        var (changedCode, changedOutput) = SweepProcess.Run(folder.Path, "report", "--db", "sweep.db", "--out", "changed.html");
        string changed = File.ReadAllText(folder.File("changed.html"));
        File.Delete(folder.File("data/train.csv"));
        var (goneCode, goneOutput) = SweepProcess.Run(folder.Path, "report", "--db", "sweep.db", "--out", "gone.html");
        string gone = File.ReadAllText(folder.File("gone.html"));

        Assert.True(code == 0, output);
        Assert.DoesNotContain("decision-boundaries", output, StringComparison.Ordinal);
        Assert.Contains("<div class=\"chart\" id=\"chart-decision-boundaries\">", html, StringComparison.Ordinal);
        Assert.Contains("(l2_lambda 0.7)", html, StringComparison.Ordinal);
        Assert.True(changedCode == 0, changedOutput);
        Assert.Matches("not drawn, for want of data: .*decision-boundaries", changedOutput);
        Assert.Contains("Not drawn: The sweep&#39;s data cannot be read: the data of sweep &#39;boundaries&#39; changed since it ran", changed, StringComparison.Ordinal);
        Assert.Contains("<div class=\"chart\" id=\"chart-cost-curves\">", changed, StringComparison.Ordinal);
        Assert.True(goneCode == 0, goneOutput);
        Assert.Contains("cannot be checked again", gone, StringComparison.Ordinal);
        Assert.Contains("train.csv", gone, StringComparison.Ordinal);
        Assert.Contains("<div class=\"chart\" id=\"chart-cost-curves\">", gone, StringComparison.Ordinal);
    }
}
