using System.Globalization;
using System.Text.Json.Nodes;

namespace Sweep.Cli.Tests;

// Tabular data as people have it, through the commands a user runs: validate lists the categorical columns, and
// predict applies the exported model to the raw test file and gives back the stored test metric exactly.
[Collection(SweepProcess.Collection)]
public class TabularCommandTests
{
    /// <summary>The first <paramref name="trainRows"/> data lines to train.csv, the rest to test.csv, every <paramref name="blankEvery"/>-th row's cell <paramref name="blankColumn"/> emptied.</summary>
    private static void SplitFile(TempFolder folder, string source, int trainRows, int blankColumn, int blankEvery)
    {
        string[] lines = File.ReadAllLines(Path.Combine(SweepProcess.RepositoryRoot, "data", source));
        string[] rows = [.. lines.Skip(1).Select((line, j) =>
        {
            if (j % blankEvery != 3)
            {
                return line;
            }

            string[] cells = line.Split(',');
            cells[blankColumn] = string.Empty;
            return string.Join(',', cells);
        })];
        File.WriteAllLines(folder.File("train.csv"), [lines[0], .. rows.Take(trainRows)]);
        File.WriteAllLines(folder.File("test.csv"), [lines[0], .. rows.Skip(trainRows)]);
    }

    [Fact]
    public void Predict_on_the_raw_test_file_of_a_regression_gives_back_the_stored_test_rmse_exactly()
    {
        using var folder = new TempFolder();
        SplitFile(folder, "diabetes.csv", 330, blankColumn: 2, blankEvery: 17);
        string file = folder.SweepFile("diabetes.yaml", """
            name: diabetes-predict
            dataset: { train: train.csv, test: test.csv, label: progression, missing: impute, categorical: [sex] }
            model: { hidden: [8], activation: relu, output: linear }
            training: { iterations: 300, learning_rate: 0.01, optimizer: adam, record_every: 100 }
            search:
              l2_lambda: [0, 1]
            """);
        string db = folder.File("d.db");

        var (validateCode, validated) = SweepProcess.Run(folder.Path, "validate", file);
        var (runCode, run) = SweepProcess.Run(folder.Path, "run", file, "--db", db, "--slots", "1");
        JsonArray best = SweepProcess.Json(folder.Path, "best", "--db", db);
        var (exportCode, exported) = SweepProcess.Run(folder.Path, "export-model", "--best", "--db", db, "--out", folder.File("model.json"));
        var (predictCode, predicted) = SweepProcess.Run(
            folder.Path, "predict", "--model", folder.File("model.json"), "--data", folder.File("test.csv"), "--out", folder.File("predictions.csv"));

        Assert.True(validateCode == 0, validated);
        Assert.Contains("target 'progression' (a value: regression); ranked by test_rmse", validated, StringComparison.Ordinal);
        Assert.Contains("sex  categorical, 2 categories (1, 2) -> 2 inputs", validated, StringComparison.Ordinal);
        Assert.Contains("missing: impute: 26 empty cells filled", validated, StringComparison.Ordinal);
        Assert.True(runCode == 0, run);
        Assert.True(exportCode == 0, exported);
        Assert.True(predictCode == 0, predicted);
        double stored = (double)best[0]!["test_rmse"]!;
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"RMSE {stored:R} on the 112 rows with a label 'progression' (of 112)"), predicted, StringComparison.Ordinal);
        string[] predictions = File.ReadAllLines(folder.File("predictions.csv"));
        Assert.Equal("progression", predictions[0]);
        Assert.Equal(113, predictions.Length);
        Assert.All(predictions.Skip(1), p => double.Parse(p, CultureInfo.InvariantCulture));
        Assert.Null(best[0]!["test_accuracy"]);
        Assert.True((double)best[0]!["test_r2"]! > 0);
    }

    [Fact]
    public void Predict_on_the_raw_test_file_of_text_votes_gives_back_the_stored_test_accuracy_and_writes_party_names()
    {
        using var folder = new TempFolder();
        SplitFile(folder, "house_votes_84.csv", 326, blankColumn: 0, blankEvery: 40);
        string file = folder.SweepFile("votes.yaml", """
            name: votes-predict
            dataset: { train: train.csv, test: test.csv, label: Class, missing: impute }
            model: { hidden: [8], activation: relu }
            training: { iterations: 200, learning_rate: 0.1, record_every: 100 }
            search:
              l2_lambda: [0, 1]
            """);
        string db = folder.File("v.db");

        var (validateCode, validated) = SweepProcess.Run(folder.Path, "validate", file);
        var (runCode, run) = SweepProcess.Run(folder.Path, "run", file, "--db", db, "--slots", "1");
        JsonArray best = SweepProcess.Json(folder.Path, "best", "--db", db);
        var (_, shown) = SweepProcess.Run(folder.Path, "show", (string)best[0]!["trial_id"]!, "--db", db);
        SweepProcess.Run(folder.Path, "export-model", "--best", "--db", db, "--out", folder.File("model.json"));
        var (predictCode, predicted) = SweepProcess.Run(folder.Path, "predict", "--model", folder.File("model.json"), "--data", folder.File("test.csv"));

        Assert.True(validateCode == 0, validated);
        Assert.Contains("classes democrat/republican", validated, StringComparison.Ordinal);
        Assert.Contains("columns: 16 (16 categorical, 0 numeric) make 48 inputs", validated, StringComparison.Ordinal);
        Assert.Contains("V1   categorical, 3 categories (missing, n, y) -> 3 inputs", validated, StringComparison.Ordinal);
        Assert.Contains("rows left out: 11 rows with an empty label 'Class'", validated, StringComparison.Ordinal);
        Assert.True(runCode == 0, run);
        Assert.Contains("label Class: classes democrat, republican (in index order)", shown, StringComparison.Ordinal);
        Assert.True(predictCode == 0, predicted);
        double stored = (double)best[0]!["test_accuracy"]!;
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"accuracy {stored:R} on the 107 rows with a label 'Class' (of 109)"), predicted, StringComparison.Ordinal);
        string[] lines = [.. predicted.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim())];
        Assert.Contains("Class", lines);
        Assert.Equal(109, lines.Count(l => l is "democrat" or "republican"));
    }

    [Fact]
    public void Predict_refuses_a_missing_model_file_in_one_line()
    {
        using var folder = new TempFolder();

        var (code, output) = SweepProcess.Run(folder.Path, "predict", "--model", folder.File("none.json"), "--data", folder.File("rows.csv"));

        Assert.Equal(2, code);
        Assert.Contains($"sweep: the model file {folder.File("none.json")} does not exist", output, StringComparison.Ordinal);
    }
}
