using System.Text.Json.Nodes;

namespace Sweep.Cli.Tests;

// Each test starts `sweep` as a real process, as a user would.
[Collection(SweepProcess.Collection)]
public class RunCommandTests
{
    [Fact]
    public void Course_initialization_config_puts_the_published_accuracies_at_the_top_of_best()
    {
        using var folder = new TempFolder();
        string db = folder.File("course.db");
        var (code, output) = SweepProcess.Run(folder.Path, "run", Path.Combine(SweepProcess.RepositoryRoot, "configs", "course-initialization.yaml"), "--db", db, "--slots", "2");
        Assert.True(code == 0, output);

        JsonArray best = SweepProcess.Json(folder.Path, "best", "--db", db, "--top", "3");

        Assert.Equal(
            [("he", 0.9933333333333333, 0.96), ("random:10", 0.83, 0.86), ("zeros", 0.5, 0.5)],
            best.Select(t => ((string)t!["initializer"]!, (double)t["train_accuracy"]!, (double)t["test_accuracy"]!)));
    }

    [Fact]
    public void Course_regularization_config_puts_the_published_accuracies_at_the_top_of_best()
    {
        using var folder = new TempFolder();
        string db = folder.File("course.db");
        var (code, output) = SweepProcess.Run(folder.Path, "run", Path.Combine(SweepProcess.RepositoryRoot, "configs", "course-regularization.yaml"), "--db", db, "--slots", "2");
        Assert.True(code == 0, output);

        JsonArray best = SweepProcess.Json(folder.Path, "best", "--db", db, "--top", "3");

        Assert.Equal(
            [(0.0, 0.86, 0.9289099526066351, 0.95), (0.7, 1.0, 0.9383886255924171, 0.93), (0.0, 1.0, 0.9478672985781991, 0.915)],
            best.Select(t => ((double)t!["l2_lambda"]!, (double)t["keep_prob"]!, (double)t["train_accuracy"]!, (double)t["test_accuracy"]!)));
    }

    [Fact]
    public void A_sweep_killed_mid_way_resumes_without_training_its_stored_trials_again()
    {
        using var folder = new TempFolder();
        string file = folder.SweepFile("seeds.yaml", SweepFiles.Seeds);
        string db = folder.File("seeds.db");

        using (SweepProcess first = SweepProcess.Start(folder.Path, "run", file, "--db", db, "--slots", "2"))
        {
            SweepProcess.WaitUntil(() => SweepProcess.StoredCount(folder.Path, db) >= 4, TimeSpan.FromMinutes(2), first);
            first.Kill();
        }

        Dictionary<string, string> beforeKill = SweepProcess.Json(folder.Path, "trials", "--db", db)
            .ToDictionary(t => (string)t!["trial_id"]!, t => (string)t!["finished_at"]!);
        Assert.InRange(beforeKill.Count, 4, 29);

        var (code, output) = SweepProcess.Run(folder.Path, "run", file, "--db", db, "--slots", "2");

        Assert.True(code == 0, output);
        Assert.Contains($"{beforeKill.Count} of 30 trials already stored", output, StringComparison.Ordinal);
        JsonArray after = SweepProcess.Json(folder.Path, "trials", "--db", db);
        Assert.Equal(30, after.Count);
        Assert.Equal(30, after.Select(t => (string)t!["trial_id"]!).Distinct().Count());
        Assert.All(after, t => Assert.Equal("completed", (string)t!["status"]!));
        foreach (var (id, finishedAt) in beforeKill)
        {
            Assert.Equal(finishedAt, (string)after.Single(t => (string)t!["trial_id"]! == id)!["finished_at"]!);
        }
    }

    [Fact]
    public void Running_the_same_sweep_twice_gives_the_same_trial_ids_and_bit_identical_results()
    {
        using var folder = new TempFolder();
        string file = folder.SweepFile("seeds.yaml", SweepFiles.Seeds.Replace("seed: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]", "seed: [1, 2]", StringComparison.Ordinal)
            .Replace("training: {", "training: { keep_prob: 0.8, batch_size: 64, optimizer: adam,", StringComparison.Ordinal)
            .Replace("learning_rate: 0.3", "learning_rate: 0.01", StringComparison.Ordinal));
        string[] measured = ["train_accuracy", "test_accuracy", "train_cost", "test_cost", "gradcheck_difference", "iterations_run", "status"];

        var runs = new List<Dictionary<string, string>>();
        foreach (string db in new[] { folder.File("first.db"), folder.File("second.db") })
        {
            var (code, output) = SweepProcess.Run(folder.Path, "run", file, "--db", db, "--slots", "2");
            Assert.True(code == 0, output);
            runs.Add(SweepProcess.Json(folder.Path, "trials", "--db", db).ToDictionary(
                t => (string)t!["trial_id"]!,
                t => string.Join("|", measured.Select(key => t![key]!.ToJsonString()))));
        }

        Assert.Equal(6, runs[0].Count);
        Assert.Equal(runs[0].Keys.Order(), runs[1].Keys.Order());
        foreach (var (id, values) in runs[0])
        {
            Assert.Equal(values, runs[1][id]);
        }
    }

    [Fact]
    public void Trials_answers_from_another_process_while_a_sweep_writes_the_store()
    {
        using var folder = new TempFolder();
        string file = folder.SweepFile("seeds.yaml", SweepFiles.Seeds);
        string db = folder.File("seeds.db");
        using SweepProcess sweep = SweepProcess.Start(folder.Path, "run", file, "--db", db, "--slots", "2");

        var counts = new List<int>();
        while (!sweep.HasExited)
        {
            if (!File.Exists(db))
            {
                Thread.Sleep(50);
                continue;
            }

            var (code, output) = SweepProcess.Run(folder.Path, "trials", "--db", db, "--json");
            Assert.True(code == 0, $"trials exited {code} while the sweep ran: {output}");
            counts.Add(JsonNode.Parse(output)!.AsArray().Count);
        }

        Assert.Equal(0, sweep.WaitForExit(TimeSpan.FromMinutes(1)));
        Assert.Contains(counts, c => c > 0 && c < 30);
        Assert.Equal(30, SweepProcess.Json(folder.Path, "trials", "--db", db).Count);
    }

    [Fact]
    public void A_broken_sweep_file_is_refused_with_its_line_before_anything_is_stored()
    {
        using var folder = new TempFolder();
        string file = folder.SweepFile("broken.yaml", SweepFiles.Seeds.Replace("initializer: [he, xavier, lecun]", "initializer: [he, xavier, lecun]\n  keep_prob: [1.5]", StringComparison.Ordinal));
        string db = folder.File("broken.db");

        var (code, output) = SweepProcess.Run(folder.Path, "run", file, "--db", db);

        Assert.NotEqual(0, code);
        Assert.Contains("keep_prob", output, StringComparison.Ordinal);
        Assert.Contains("broken.yaml", output, StringComparison.Ordinal);
        Assert.Contains(":7", output, StringComparison.Ordinal);
        Assert.False(File.Exists(db), "nothing may be written for a refused file");
    }

    [Fact]
    public void A_changed_sweep_file_under_the_same_name_is_refused_and_the_store_is_kept()
    {
        using var folder = new TempFolder();
        string small = SweepFiles.Seeds.Replace("seed: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]", "seed: [1]", StringComparison.Ordinal)
            .Replace("iterations: 20000", "iterations: 100", StringComparison.Ordinal);
        string file = folder.SweepFile("seeds.yaml", small);
        string db = folder.File("seeds.db");
        var (first, firstOutput) = SweepProcess.Run(folder.Path, "run", file, "--db", db);
        Assert.True(first == 0, firstOutput);

        folder.SweepFile("seeds.yaml", small.Replace("iterations: 100", "iterations: 200", StringComparison.Ordinal));
        var (code, output) = SweepProcess.Run(folder.Path, "run", file, "--db", db);

        Assert.Equal(3, code);
        Assert.Contains("Rename the sweep", output, StringComparison.Ordinal);
        JsonArray stored = SweepProcess.Json(folder.Path, "trials", "--db", db);
        Assert.Equal(3, stored.Count);
        Assert.All(stored, t => Assert.Equal(100, (int)t!["iterations_run"]!));
    }
}
