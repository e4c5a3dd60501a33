using System.Text.Json.Nodes;

namespace Sweep.Cli.Tests;

// Two coordinators on one store, as a second terminal or a second container on the same volume would start them.
[Collection(SweepProcess.Collection)]
public class OneCoordinatorPerStoreTests
{
    private static readonly TimeSpan SweepTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public void A_second_sweep_run_on_a_store_being_run_is_refused_with_exit_3_naming_the_first_while_queries_keep_working()
    {
        using var folder = new TempFolder();
        string file = folder.SweepFile("seeds.yaml", SweepFiles.Seeds);
        string db = folder.File("seeds.db");
        using SweepProcess first = SweepProcess.Start(folder.Path, "run", file, "--db", db, "--slots", "1");
        SweepProcess.WaitUntil(() => SeedOf(db) is not null && SweepProcess.StoredTrials(db) >= 1, SweepTimeout, first);

        var (code, output) = SweepProcess.Run(folder.Path, "run", file, "--db", db, "--slots", "1");

        Assert.True(code == 3, output);
        Assert.Contains($"process {first.ProcessId} on host {Environment.MachineName} runs sweep 'seeds' into this store (`sweep run`", output, StringComparison.Ordinal);
        Assert.Contains($"To add capacity, start workers that join it: sweep worker --seed {SeedOf(db)}", output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var (bestCode, best) = SweepProcess.Run(folder.Path, "best", "--db", db);
        Assert.True(bestCode == 0, best);
        Assert.True(first.WaitForExit(SweepTimeout) == 0, first.Output);
        AssertEveryTrialStoredOnce(folder, db);
    }

    [Fact]
    public void A_second_coordinator_is_refused_with_exit_3_and_a_start_right_after_the_first_was_SIGKILLed_takes_over()
    {
        using var folder = new TempFolder();
        string file = folder.SweepFile("seeds.yaml", SweepFiles.Seeds);
        string db = folder.File("seeds.db");
        string port = SweepProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using SweepProcess first = SweepProcess.Start(folder.Path, "coordinator", file, "--db", db, "--port", port);
        SweepProcess.WaitUntil(() => SeedOf(db) is not null, SweepTimeout, first);

        // The same port: the lock answers before the port would (exit 2, "in use").
        var (code, output) = SweepProcess.Run(folder.Path, "coordinator", file, "--db", db, "--port", port);
        Assert.True(code == 3, output);
        Assert.Contains($"process {first.ProcessId} on host {Environment.MachineName} runs sweep 'seeds' into this store (`sweep coordinator`", output, StringComparison.Ordinal);
        Assert.Contains($"sweep worker --seed 127.0.0.1:{port}", output, StringComparison.Ordinal);

        first.Kill();
        using SweepProcess next = SweepProcess.Start(folder.Path, "coordinator", file, "--db", db, "--port", port);
        using SweepProcess worker = SweepProcess.Start(folder.Path, "worker", "--seed", $"127.0.0.1:{port}", "--slots", "1");

        Assert.True(next.WaitForExit(SweepTimeout) == 0, next.Output);
        AssertEveryTrialStoredOnce(folder, db);
    }

    /// <summary>The cluster address the coordinator holding the store's lock wrote into it; null until it has.</summary>
    private static string? SeedOf(string db)
    {
        try
        {
            return File.Exists(db + ".lock") && JsonNode.Parse(File.ReadAllText(db + ".lock")) is { } holder ? (string?)holder["Seed"] : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static void AssertEveryTrialStoredOnce(TempFolder folder, string db)
    {
        JsonArray stored = SweepProcess.Json(folder.Path, "trials", "--db", db);
        Assert.Equal(30, stored.Count);
        Assert.Equal(30, stored.Select(t => (string)t!["trial_id"]!).Distinct().Count());
        Assert.All(stored, t => Assert.Equal("completed", (string)t!["status"]!));
    }
}
