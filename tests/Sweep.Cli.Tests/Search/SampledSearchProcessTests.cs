using Xunit.Abstractions;

namespace Sweep.Cli.Tests.Search;

// Sampled searches run by the real `sweep` program: the trials of random and TPE searches depend only on the sweep
// file, never on how many slots or processes train them, their timing, or a coordinator that was killed.
[Collection(SweepProcess.Collection)]
public class SampledSearchProcessTests(ITestOutputHelper log)
{
    private static readonly TimeSpan SweepTimeout = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData("random")]
    [InlineData("tpe")]
    public void Random_and_tpe_give_identical_trials_on_one_slot_two_slots_and_two_worker_processes(string strategy)
    {
        SampledSweep sweep = SampledSweepFiles.Named(strategy);
        using var folder = new TempFolder();
        string file = folder.SweepFile($"{strategy}.yaml", sweep.Yaml);

        StoredTrials oneSlot = RunInOneProcess(folder, file, "run --slots 1", slots: 1);
        StoredTrials twoSlots = RunInOneProcess(folder, file, "run --slots 2", slots: 2);
        StoredTrials workers = RunOnTwoWorkers(folder, file);

        // A continuous space: every configuration is new, so every trial runs, each once.
        Assert.Equal(sweep.Trials, oneSlot.All.Count);
        Assert.Equal(sweep.Trials, oneSlot.ById.Count);
        Assert.Equal(sweep.Configurations, oneSlot.All.Select(t => (string)t["configuration_id"]!).Distinct().Count());
        StoredTrials.AssertSame(oneSlot, twoSlots);
        StoredTrials.AssertSame(oneSlot, workers);
    }

    /// <summary>
    /// Killed once 28 of the 40 trials are stored: TPE proposes from configuration 13 on, so the store then holds trials
    /// of proposals that learned from earlier outcomes, which the restarted coordinator must propose again, the same,
    /// from the outcomes it reads back, and the configurations still to come learn from stored and new outcomes alike.
    /// </summary>
    [Fact]
    public void A_coordinator_killed_in_the_middle_of_a_tpe_sweep_and_started_again_ends_with_the_trials_of_an_uninterrupted_run()
    {
        const int KillAfter = 28;
        const int FirstTpeProposal = 13; // 10 random startup configurations, then configuration i sees 0 .. i - 4
        SampledSweep sweep = SampledSweepFiles.SlowTpe;
        using var folder = new TempFolder();
        string file = folder.SweepFile("tpe.yaml", sweep.Yaml);
        StoredTrials uninterrupted = RunInOneProcess(folder, file, "the uninterrupted run", slots: 2);
        Assert.Equal(sweep.Trials, uninterrupted.All.Count);

        string db = folder.File("killed.db");
        using (SweepProcess coordinator = SweepProcess.Start(folder.Path, "run", file, "--db", db, "--slots", "2"))
        {
            SweepProcess.WaitUntil(() => SweepProcess.StoredTrials(db) >= KillAfter, SweepTimeout, coordinator);
            coordinator.Kill();
        }

        StoredTrials beforeKill = StoredTrials.Read("the store at the kill", folder.Path, db);
        log.WriteLine($"killed with {beforeKill.All.Count} of {sweep.Trials} trials stored");
        Assert.InRange(beforeKill.All.Count, KillAfter, sweep.Trials - 1);

        var (code, output) = SweepProcess.Run(folder.Path, "run", file, "--db", db, "--slots", "2");

        Assert.True(code == 0, output);
        Assert.Contains($"{beforeKill.All.Count} of {sweep.Trials} trials already stored", output, StringComparison.Ordinal);
        StoredTrials resumed = StoredTrials.Read("the run killed and started again", folder.Path, db);
        StoredTrials.AssertSame(uninterrupted, resumed);
        // The trials stored before the kill were kept, not trained again, and some came from proposals of TPE's own.
        Assert.All(beforeKill.All, t => Assert.Equal((string)t["finished_at"]!, (string)resumed.ById[(string)t["trial_id"]!]["finished_at"]!));
        string[] proposedByTpe = [.. uninterrupted.ConfigurationsInStartOrder.Skip(FirstTpeProposal)];
        Assert.Contains(beforeKill.All, t => proposedByTpe.Contains((string)t["configuration_id"]!));
    }

    private static StoredTrials RunInOneProcess(TempFolder folder, string file, string run, int slots)
    {
        string db = folder.File($"{Guid.NewGuid():N}.db");
        var (code, output) = SweepProcess.Run(folder.Path, "run", file, "--db", db, "--slots", slots.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(code == 0, $"{run}: {output}");
        return StoredTrials.Read(run, folder.Path, db);
    }

    /// <summary><c>sweep coordinator</c> (which trains nothing itself) and two <c>sweep worker</c> processes of one slot each.</summary>
    private StoredTrials RunOnTwoWorkers(TempFolder folder, string file)
    {
        const string Run = "a coordinator and two workers";
        string db = folder.File("workers.db");
        string port = SweepProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using SweepProcess coordinator = SweepProcess.Start(folder.Path, "coordinator", file, "--db", db, "--port", port);

        // Workers started before the coordinator listens back off between attempts to join, and a sweep of short
        // trials can be over before the second one is in; the coordinator says "new sweep" once it listens.
        SweepProcess.WaitUntil(() => coordinator.Output.Contains("new sweep '", StringComparison.Ordinal), SweepTimeout, coordinator);
        using SweepProcess first = SweepProcess.Start(folder.Path, "worker", "--seed", $"127.0.0.1:{port}", "--slots", "1");
        using SweepProcess second = SweepProcess.Start(folder.Path, "worker", "--seed", $"127.0.0.1:{port}", "--slots", "1");

        Assert.True(coordinator.WaitForExit(SweepTimeout) == 0, $"{Run}: {coordinator.Output}");
        StoredTrials trials = StoredTrials.Read(Run, folder.Path, db);
        string[] nodes = [.. trials.All.Select(t => (string)t["node"]!).Distinct().Order(StringComparer.Ordinal)];
        log.WriteLine($"{Run}: {string.Join(", ", trials.All.CountBy(t => (string)t["node"]!).Select(n => $"{n.Value} trials on {n.Key}"))}");
        Assert.True(
            nodes.SequenceEqual(new[] { first.NodeName, second.NodeName }.Order(StringComparer.Ordinal)),
            $"{Run}: the trials ran on {string.Join(", ", nodes)}, not on the two workers {first.NodeName} and {second.NodeName}\n{coordinator.Output}");
        return trials;
    }
}
