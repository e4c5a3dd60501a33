using System.Globalization;
using Sweep.Domain;
using Sweep.Storage;

namespace Sweep.Cli.Tests.Rerun;

// `sweep rerun` as a user runs it, on the store the fixture's sweeps wrote.
[Collection(SweepProcess.Collection)]
public sealed class RerunCommandTests(RerunFixture fixture) : IClassFixture<RerunFixture>
{
    [Fact]
    public void A_completed_trial_reruns_bit_identical()
    {
        TrialResult trial = fixture.Only("mixed", TrialResultStatus.Completed);

        var (code, output) = SweepProcess.Run(fixture.Folder, "rerun", trial.TrialId, "--db", fixture.Store);

        Assert.True(code == 0, output);
        Assert.Contains("bit-identical: status completed, gradient check difference ", output, StringComparison.Ordinal);
        Assert.Contains("5 curve points, 4 metrics, 2 layers of weights (17 parameters)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_diverged_trial_reruns_bit_identical()
    {
        TrialResult trial = fixture.Only("mixed", TrialResultStatus.Diverged);

        var (code, output) = SweepProcess.Run(fixture.Folder, "rerun", trial.TrialId[..8], "--db", fixture.Store);

        Assert.True(code == 0, output);
        Assert.Contains($"rerunning trial {trial.TrialId} of sweep 'mixed' (stored: diverged)", output, StringComparison.Ordinal);
        Assert.Contains("bit-identical: status diverged", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trial_that_failed_its_gradient_check_reruns_the_check_bit_identical()
    {
        TrialResult trial = fixture.Only("strict", TrialResultStatus.GradcheckFailed);

        var (code, output) = SweepProcess.Run(fixture.Folder, "rerun", trial.TrialId, "--db", fixture.Store);

        Assert.True(code == 0, output);
        string difference = trial.GradcheckDifference!.Value.ToString("R", CultureInfo.InvariantCulture);
        Assert.Contains($"bit-identical: status gradcheck_failed, gradient check difference {difference}, 0 curve points, 0 metrics", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trial_that_tpe_proposed_is_rebuilt_from_its_settings_and_reruns_bit_identical()
    {
        // One configuration at a time: the last one stored is configuration 11, a TPE proposal (10 start-up draws).
        TrialResult trial = fixture.Trials.Where(t => t.Sweep == "tpe").MaxBy(t => t.FinishedAt)!;
        Assert.Equal(12, fixture.Trials.Count(t => t.Sweep == "tpe"));

        var (code, output) = SweepProcess.Run(fixture.Folder, "rerun", trial.TrialId, "--db", fixture.Store);

        Assert.True(code == 0, output);
        Assert.Contains($"rerunning trial {trial.TrialId} of sweep 'tpe'", output, StringComparison.Ordinal);
        Assert.Contains("bit-identical: status ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_altered_stored_cost_curve_is_reported_as_the_first_difference_with_exit_4()
    {
        using var workspace = new TempFolder();
        string db = workspace.File("altered.db");
        File.Copy(fixture.Store, db);
        TrialResult trial = fixture.Only("mixed", TrialResultStatus.Completed);
        double was = trial.CostCurve[3].Cost;
        double altered = Math.BitIncrement(was);
        using (TrialStore store = TrialStore.Open(db))
        {
            TrialResult stored = store.Get(trial.TrialId)!;
            CostPoint[] curve = [.. stored.CostCurve];
            curve[3] = curve[3] with { Cost = altered };
            store.StoreBatch([stored with { CostCurve = curve }]);
        }

        var (code, output) = SweepProcess.Run(fixture.Folder, "rerun", trial.TrialId, "--db", db);

        Assert.True(code == 4, output);
        string stored3 = altered.ToString("R", CultureInfo.InvariantCulture);
        string now3 = was.ToString("R", CultureInfo.InvariantCulture);
        Assert.Contains($"not bit-identical: cost curve point 3 (iteration 30): stored {stored3}, now {now3}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("bit-identical: status", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_without_the_sweep_file_says_so_and_the_file_can_be_given_with_file()
    {
        using var workspace = new TempFolder();
        string db = workspace.File("old.db");
        TrialResult trial = SweepProcess.ReadStore(fixture.Store, s => s.Get(fixture.Only("mixed", TrialResultStatus.Completed).TrialId)!, null!);
        SweepInfo sweep = SweepProcess.ReadStore(fixture.Store, s => s.Sweeps().Single(i => i.Name == "mixed"), null!);
        using (TrialStore store = TrialStore.Open(db))
        {
            // Registered as a version before kept sweep files did: the fingerprint carries no file.
            store.RegisterSweep("mixed", new SweepFingerprint(sweep.SettingsHash!, sweep.FileHash, sweep.DataHash!, sweep.DataSource!), sweep.TrialCount, sweep.Metric);
            store.StoreBatch([trial]);
        }

        var (code, output) = SweepProcess.Run(fixture.Folder, "rerun", trial.TrialId, "--db", db);
        var (withFileCode, withFileOutput) = SweepProcess.Run(fixture.Folder, "rerun", trial.TrialId, "--db", db, "--file", fixture.PathOf("mixed.yaml"));

        Assert.True(code == 3, output);
        Assert.Contains("holds no copy of the sweep file of 'mixed'", output, StringComparison.Ordinal);
        Assert.Contains("--file sweep.yaml", output, StringComparison.Ordinal);
        Assert.True(withFileCode == 0, withFileOutput);
        Assert.Contains("bit-identical: status completed", withFileOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_file_of_another_sweep_is_refused_by_the_rebuilt_id()
    {
        TrialResult trial = fixture.Only("mixed", TrialResultStatus.Completed);
        using var workspace = new TempFolder();
        Directory.CreateDirectory(workspace.File("data"));
        File.Copy(fixture.PathOf("data/train.csv"), workspace.File("data/train.csv"));
        File.Copy(fixture.PathOf("data/test.csv"), workspace.File("data/test.csv"));
        // The same name and settings, but another gradient check: another sweep identity, so other trial ids.
        string file = workspace.SweepFile("mixed.yaml", RerunFixture.Mixed + "\ngradient_check: { threshold: 1e-4 }\n");

        var (code, output) = SweepProcess.Run(fixture.Folder, "rerun", trial.TrialId, "--db", fixture.Store, "--file", file);

        Assert.True(code == 3, output);
        Assert.Contains($"the trial rebuilt from the stored settings of {trial.TrialId} has the id", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_changed_or_gone_since_the_sweep_ran_is_refused_with_what_to_do()
    {
        using var workspace = new TempFolder();
        Directory.CreateDirectory(workspace.File("data"));
        File.Copy(fixture.PathOf("data/train.csv"), workspace.File("data/train.csv"));
        File.Copy(fixture.PathOf("data/test.csv"), workspace.File("data/test.csv"));
        workspace.SweepFile("strict.yaml", RerunFixture.Strict);
        var (runCode, runOutput) = SweepProcess.Run(workspace.Path, "run", "strict.yaml", "--db", "own.db", "--slots", "1");
        Assert.True(runCode == 4, runOutput);
        string id = SweepProcess.ReadStore(workspace.File("own.db"), s => s.Trials().Single().TrialId, "");

        File.AppendAllText(workspace.File("data/test.csv"), File.ReadLines(workspace.File("data/test.csv")).Last() + "\n");
        var (changedCode, changedOutput) = SweepProcess.Run(workspace.Path, "rerun", id, "--db", "own.db");
        File.Delete(workspace.File("data/test.csv"));
        var (goneCode, goneOutput) = SweepProcess.Run(workspace.Path, "rerun", id, "--db", "own.db");

        Assert.True(changedCode == 3, changedOutput);
        Assert.Contains("the data of sweep 'strict' changed since it ran", changedOutput, StringComparison.Ordinal);
        Assert.Contains("put the original data back", changedOutput, StringComparison.Ordinal);
        Assert.True(goneCode == 3, goneOutput);
        Assert.Contains("cannot be checked again", goneOutput, StringComparison.Ordinal);
        Assert.Contains("test.csv", goneOutput, StringComparison.Ordinal);
    }
}
