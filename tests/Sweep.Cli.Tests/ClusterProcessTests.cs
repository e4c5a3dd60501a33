using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Sweep.Cli.Tests;

// `sweep coordinator` and two `sweep worker` processes on 127.0.0.1, as a user would start them on three machines.
[Collection(SweepProcess.Collection)]
public class ClusterProcessTests
{
    private static readonly TimeSpan SweepTimeout = TimeSpan.FromMinutes(4);

    /// <summary>Trials of about a second, so that a kill lands while both workers train.</summary>
    private static readonly string SlowSeeds = SweepFiles.Seeds.Replace("iterations: 20000", "iterations: 60000", StringComparison.Ordinal);

    [Fact]
    public void A_worker_killed_mid_sweep_leaves_its_trials_to_the_other_worker_and_every_trial_is_stored_once()
    {
        using var folder = new TempFolder();
        string file = folder.SweepFile("seeds.yaml", SlowSeeds);
        string db = folder.File("seeds.db");
        string seed = $"127.0.0.1:{FreePort()}";

        using SweepProcess coordinator = StartCoordinator(folder, file, db, seed);
        using SweepProcess doomed = SweepProcess.Start(folder.Path, "worker", "--seed", seed, "--slots", "1");
        using SweepProcess survivor = SweepProcess.Start(folder.Path, "worker", "--seed", seed, "--slots", "1");
        SweepProcess.WaitUntil(() => NodesThatCompleted(db).Count >= 2, SweepTimeout, coordinator);
        doomed.Kill();
        Assert.InRange(StoredTrials(db), 2, 29);

        Assert.True(coordinator.WaitForExit(SweepTimeout) == 0, coordinator.Output);
        // The trial it was training goes back (none if killed in the instant between two), with those it held beyond its
        // slot when its trials were short (WorkerActor.Prefetch).
        Assert.Matches($"Worker {Regex.Escape(doomed.NodeName)} is gone; its [0-{1 + Sweep.Runtime.Actors.WorkerActor.Prefetch}] unfinished trials go back to the queue", coordinator.Output);
        AssertEveryTrialStoredOnceAndCompleted(folder.Path, db);
        Assert.False(survivor.HasExited, "the surviving worker keeps running until it is stopped");
    }

    /// <summary>
    /// Trials of about two seconds: workers get back to a restarted coordinator some 20 s after the crash (10 s of
    /// silent heartbeats, 5 s for the split brain resolver, a new actor system), a few seconds apart on a busy
    /// machine, and the rest of the sweep must outlast that gap for both of them to train in it.
    /// </summary>
    private static readonly string LongerSeeds = SweepFiles.Seeds.Replace("iterations: 20000", "iterations: 120000", StringComparison.Ordinal);

    [Fact]
    public void A_coordinator_killed_mid_sweep_and_started_again_on_its_store_finishes_with_the_same_workers()
    {
        using var folder = new TempFolder();
        string file = folder.SweepFile("seeds.yaml", LongerSeeds);
        string db = folder.File("seeds.db");
        string seed = $"127.0.0.1:{FreePort()}";

        Dictionary<string, string> beforeKill;
        using SweepProcess first = SweepProcess.Start(folder.Path, "worker", "--seed", seed, "--slots", "1");
        using SweepProcess second = SweepProcess.Start(folder.Path, "worker", "--seed", seed, "--slots", "1");
        using (SweepProcess coordinator = StartCoordinator(folder, file, db, seed))
        {
            SweepProcess.WaitUntil(() => NodesThatCompleted(db).Count >= 1 && StoredTrials(db) >= 4, SweepTimeout, coordinator);
            coordinator.Kill();
            beforeKill = SweepProcess.Json(folder.Path, "trials", "--db", db)
                .ToDictionary(t => (string)t!["trial_id"]!, t => (string)t!["finished_at"]!);
        }

        Assert.InRange(beforeKill.Count, 4, 29);
        using SweepProcess restarted = StartCoordinator(folder, file, db, seed);

        Assert.True(restarted.WaitForExit(SweepTimeout) == 0, restarted.Output);
        Assert.Contains($"{beforeKill.Count} of 30 trials already stored", restarted.Output, StringComparison.Ordinal);
        JsonArray after = AssertEveryTrialStoredOnceAndCompleted(folder.Path, db);
        foreach (var (id, finishedAt) in beforeKill)
        {
            Assert.Equal(finishedAt, (string)after.Single(t => (string)t!["trial_id"]! == id)!["finished_at"]!);
        }

        Assert.All(new[] { first, second }, worker => Assert.False(worker.HasExited, worker.Output));
        string[] nodesAfterRestart = [.. after.Where(t => !beforeKill.ContainsKey((string)t!["trial_id"]!)).Select(t => (string)t!["node"]!).Distinct()];
        Assert.True(nodesAfterRestart.Length == 2, $"trials after the restart ran on {string.Join(", ", nodesAfterRestart)}\n{restarted.Output}\n{first.Output}\n{second.Output}");
    }

    [Fact]
    public void A_worker_outlives_a_finished_coordinator_runs_the_next_sweep_and_exits_on_SIGTERM()
    {
        using var folder = new TempFolder();
        string oneSeed = SweepFiles.Seeds.Replace("seed: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]", "seed: [1]", StringComparison.Ordinal);
        string first = folder.SweepFile("first.yaml", oneSeed);
        string next = folder.SweepFile("next.yaml", oneSeed.Replace("name: seeds", "name: next", StringComparison.Ordinal));
        string db = folder.File("seeds.db");
        string seed = $"127.0.0.1:{FreePort()}";
        using SweepProcess worker = SweepProcess.Start(folder.Path, "worker", "--seed", seed, "--slots", "1");
        using (SweepProcess coordinator = StartCoordinator(folder, first, db, seed))
        {
            Assert.True(coordinator.WaitForExit(SweepTimeout) == 0, coordinator.Output);
        }

        SweepProcess.WaitUntil(() => worker.Output.Contains("joining " + seed + " again", StringComparison.Ordinal), TimeSpan.FromMinutes(1), worker);
        using (SweepProcess coordinator = StartCoordinator(folder, next, db, seed))
        {
            Assert.True(coordinator.WaitForExit(SweepTimeout) == 0, coordinator.Output);
        }

        worker.Terminate();

        Assert.Equal(0, worker.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal(3, SweepProcess.Json(folder.Path, "trials", "--db", db, "--sweep", "next").Count);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:port")]
    [InlineData(":4053")]
    [InlineData("localhost:70000")]
    public void A_seed_that_is_not_host_colon_port_is_refused_with_the_expected_form(string seed)
    {
        using var folder = new TempFolder();

        var (code, output) = SweepProcess.Run(folder.Path, "worker", "--seed", seed);

        Assert.Equal(2, code);
        Assert.Contains($"--seed must be the coordinator's host:port, such as coordinator:4053 (got '{seed}')", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_coordinator_port_outside_1_to_65535_is_refused_before_a_store_is_created()
    {
        using var folder = new TempFolder();
        string file = folder.SweepFile("seeds.yaml", SweepFiles.Seeds);

        var (code, output) = SweepProcess.Run(folder.Path, "coordinator", file, "--db", folder.File("seeds.db"), "--port", "0");

        Assert.Equal(2, code);
        Assert.Contains("--port must be between 1 and 65535", output, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("seeds.db")));
    }

    private static SweepProcess StartCoordinator(TempFolder folder, string file, string db, string seed) =>
        SweepProcess.Start(folder.Path, "coordinator", file, "--db", db, "--port", seed.Split(':')[1]);

    private static JsonArray AssertEveryTrialStoredOnceAndCompleted(string folder, string db)
    {
        JsonArray stored = SweepProcess.Json(folder, "trials", "--db", db);
        Assert.Equal(30, stored.Count);
        Assert.Equal(30, stored.Select(t => (string)t!["trial_id"]!).Distinct().Count());
        Assert.All(stored, t => Assert.Equal("completed", (string)t!["status"]!));
        return stored;
    }

    private static HashSet<string> NodesThatCompleted(string db) => SweepProcess.ReadStore(db, store => store.Trials().Select(t => t.Node).ToHashSet(), []);

    private static int StoredTrials(string db) => SweepProcess.StoredTrials(db);

    private static int FreePort() => SweepProcess.FreePort();
}
