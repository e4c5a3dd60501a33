using System.Text.Json.Nodes;

namespace Sweep.Cli.Tests;

// A sweep ranked on a validation split, through the commands a user runs.
[Collection(SweepProcess.Collection)]
public class ValidationCommandTests
{
    private const string ValidatedSweep = """
        name: validated
        dataset: { train: "{data}/football_train.csv", test: "{data}/football_test.csv", label: y, validation_fraction: 0.25 }
        model: { hidden: [5], activation: relu }
        training: { iterations: 300, learning_rate: 0.3, record_every: 100 }
        search:
          l2_lambda: [0, 0.7]
        metric: validation_accuracy
        """;

    [Fact]
    public void A_sweep_ranked_on_a_validation_split_shows_its_validation_metrics_in_validate_best_trials_and_show()
    {
        using var folder = new TempFolder();
        string file = folder.SweepFile("validated.yaml", ValidatedSweep);
        string db = folder.File("validated.db");

        var (validateCode, validated) = SweepProcess.Run(folder.Path, "validate", file);
        var (runCode, run) = SweepProcess.Run(folder.Path, "run", file, "--db", db, "--slots", "2");
        JsonArray best = SweepProcess.Json(folder.Path, "best", "--db", db);
        var (_, table) = SweepProcess.Run(folder.Path, "trials", "--db", db);
        var (_, shown) = SweepProcess.Run(folder.Path, "show", (string)best[0]!["trial_id"]!, "--db", db);

        Assert.True(validateCode == 0, validated);
        Assert.Contains("train 158 x 2 features, validation 53, test 200", validated, StringComparison.Ordinal);  // 211 rows, ceil(0.25 * 211)
        Assert.Contains("ranked by validation_accuracy", validated, StringComparison.Ordinal);
        Assert.True(runCode == 0, run);
        double[] accuracies = [.. best.Select(t => (double)t!["validation_accuracy"]!)];
        Assert.Equal(accuracies.OrderDescending(), accuracies);
        Assert.All(best, t => Assert.InRange((double)t!["validation_cost"]!, 0, 10));
        Assert.Contains("val_acc", table, StringComparison.Ordinal);
        Assert.Contains("validation accuracy / cost", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_without_a_validation_split_shows_no_validation_column_or_row()
    {
        using var folder = new TempFolder();
        string file = folder.SweepFile("plain.yaml", ValidatedSweep
            .Replace(", validation_fraction: 0.25", string.Empty, StringComparison.Ordinal)
            .Replace("metric: validation_accuracy", "metric: test_accuracy", StringComparison.Ordinal));
        string db = folder.File("plain.db");

        var (runCode, run) = SweepProcess.Run(folder.Path, "run", file, "--db", db, "--slots", "2");
        JsonArray best = SweepProcess.Json(folder.Path, "best", "--db", db);
        var (_, shown) = SweepProcess.Run(folder.Path, "show", (string)best[0]!["trial_id"]!, "--db", db);

        Assert.True(runCode == 0, run);
        Assert.DoesNotContain("val_acc", run, StringComparison.Ordinal);
        Assert.Null(best[0]!["validation_accuracy"]);
        Assert.DoesNotContain("validation accuracy", shown, StringComparison.Ordinal);
    }
}
