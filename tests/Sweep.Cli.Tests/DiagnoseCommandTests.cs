using System.Text.Json.Nodes;

namespace Sweep.Cli.Tests;

// Each test runs a real sweep, then `sweep diagnose` on its store, as a user would.
[Collection(SweepProcess.Collection)]
public class DiagnoseCommandTests
{
    [Fact]
    public void Course_initialization_diagnosis_says_zeros_is_symmetric_at_chance_random_x10_starts_saturated_and_he_trains_healthily()
    {
        using var folder = new TempFolder();
        string db = Run(folder, Path.Combine(SweepProcess.RepositoryRoot, "configs", "course-initialization.yaml"));

        var (code, output) = SweepProcess.Run(folder.Path, "diagnose", "--db", db);

        Assert.True(code == 0, output);
        Assert.Contains("initializer zeros: 1 of 1 trials ended with symmetric hidden units", output, StringComparison.Ordinal);
        Assert.Contains("and test accuracy 0.50, at chance for 2 classes (0.50).", output, StringComparison.Ordinal);
        Assert.Contains("initializer random:10: 1 of 1 trials started with a saturated output: a large initial cost of 1774, 2559 times the 0.6931 (ln 2) of a constant prediction", output, StringComparison.Ordinal);
        Assert.Contains("initializer he: 1 of 1 trials trained healthily: gradient flow healthy at the end", output, StringComparison.Ordinal);
        Assert.Contains("With relu hidden units, he suits this data best: mean test accuracy 0.96", output, StringComparison.Ordinal);

        JsonArray findings = SweepProcess.Json(folder.Path, "diagnose", "--db", db);
        JsonNode saturated = findings.Single(f => (string)f!["kind"]! == "saturated_start")!;
        Assert.Equal("random:10", (string)saturated["settings"]!["initializer"]!);
        Assert.Equal(1773.5859549373833, (double)saturated["numbers"]!["first_cost"]!, 9);
        Assert.Equal(["he"], findings.Where(f => (string)f!["kind"]! == "healthy_training").Select(f => (string)f!["settings"]!["initializer"]!));
    }

    [Fact]
    public void Course_regularization_diagnosis_names_the_train_test_gap_of_the_unregularized_trial_only()
    {
        using var folder = new TempFolder();
        string db = Run(folder, Path.Combine(SweepProcess.RepositoryRoot, "configs", "course-regularization.yaml"));

        var (code, output) = SweepProcess.Run(folder.Path, "diagnose", "--db", db);

        Assert.True(code == 0, output);
        Assert.Contains("l2_lambda 0, keep_prob 1: 1 of 1 trials scored higher on the training set than on the test set: a train-test gap of 0.033 " +
            "(train accuracy 0.948, test 0.915), above 0.02; the other 2 completed trials' gaps are -0.021 to 0.008.", output, StringComparison.Ordinal);
        Assert.Contains("all trials: 3 of 3 trials trained healthily", output, StringComparison.Ordinal);

        JsonNode gap = Assert.Single(SweepProcess.Json(folder.Path, "diagnose", "--db", db), f => (string)f!["kind"]! == "generalization_gap")!;
        Assert.Equal(("0", "1"), ((string)gap["settings"]!["l2_lambda"]!, (string)gap["settings"]!["keep_prob"]!));
        Assert.Equal(0.9478672985781991 - 0.915, (double)gap["numbers"]!["gap"]!, 12);
    }

    [Fact]
    public void A_diverging_learning_rate_is_named()
    {
        using var folder = new TempFolder();
        string file = folder.SweepFile("diverging.yaml", """
            name: diverging-rate
            dataset: { train: "{data}/football_train.csv", test: "{data}/football_test.csv", label: y }
            model: { hidden: [20, 3], activation: leaky_relu }
            training: { iterations: 2000, record_every: 100, initializer: he, seed: 3 }
            search:
              learning_rate: [0.1, 50]
            """);
        string db = Run(folder, file);

        var (code, output) = SweepProcess.Run(folder.Path, "diagnose", "--db", db);

        Assert.True(code == 0, output);
        Assert.Contains("learning_rate 50: 1 of 1 trials diverged: the gradient became", output, StringComparison.Ordinal);
        Assert.Contains("learning_rate 0.1: 1 of 1 trials trained healthily", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_without_a_store_says_so_and_exits_2()
    {
        using var folder = new TempFolder();

        var (code, output) = SweepProcess.Run(folder.Path, "diagnose", "--db", folder.File("missing.db"));

        Assert.Equal(2, code);
        Assert.Contains("no sweep store at", output, StringComparison.Ordinal);
    }

    private static string Run(TempFolder folder, string sweepFile)
    {
        string db = folder.File("sweep.db");
        var (code, output) = SweepProcess.Run(folder.Path, "run", sweepFile, "--db", db, "--slots", "2");
        Assert.True(code == 0, output);
        return db;
    }
}
