using Spectre.Console;
using System.CommandLine;
using Sweep.Cli.Output;
using Sweep.Config;
using Sweep.Domain;
using Sweep.Runtime;
using Sweep.Storage;
using Sweep.Training.Data;

namespace Sweep.Cli.Commands;

/// <summary>
/// <c>sweep rerun</c>: trains a stored trial again, from the sweep file the store kept and the trial's stored settings
/// (so its seeds), and says whether the outcome is bit-identical to the stored one. Any status reruns: a trial that
/// failed its gradient check runs the check again. Nothing is written to the store.
/// </summary>
internal static class RerunCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("trial-id") { Description = "A trial id, or a unique prefix of one" };
        Option<string> database = CommonOptions.Database();
        var file = new Option<string?>("--file")
        {
            Description = "The sweep file the trial ran from (default: the copy the store kept when the sweep was registered)",
        };
        var command = new Command("rerun", "Train a stored trial again and check its cost curve, metrics and weights are bit-identical (exit 4 if not)")
        {
            id, database, file,
        };
        command.SetAction((parse, cancellation) =>
            Task.FromResult(Rerun(parse.GetValue(id)!, parse.GetValue(database)!, parse.GetValue(file), cancellation)));
        return command;
    }

    private static int Rerun(string trialId, string databasePath, string? file, CancellationToken cancellation)
    {
        TrialResult stored;
        SweepInfo? sweepInfo;
        StoredSweepFile? kept;
        using (TrialStore store = SweepLoading.OpenForQueries(databasePath))
        {
            stored = QueryCommands.Find(store, trialId);
            sweepInfo = store.Sweeps().FirstOrDefault(s => s.Name == stored.Sweep);
            kept = file is null ? store.SweepFile(stored.Sweep) : null;
        }

        SweepDefinition sweep = file is null ? FromStore(stored, kept, databasePath) : FromFile(file, stored);
        RequireSameData(stored, sweepInfo, sweep);
        TrialPlan trial = Rebuild(stored, sweep);

        Terminal.Out.WriteLine($"rerunning trial {stored.TrialId} of sweep '{stored.Sweep}' (stored: {stored.Status}) from {sweep.SourcePath}");
        TrialResult rerun = TrialRerun.Run(sweep, trial, cancellation);
        RerunComparison comparison = TrialRerun.Compare(stored, rerun);
        if (!comparison.IsIdentical)
        {
            throw new CliException($"not bit-identical: {comparison.Difference}") { ExitCode = ExitCodes.NotReproduced };
        }

        Terminal.Out.WriteLine($"bit-identical: {comparison.Matched}");
        return ExitCodes.Success;
    }

    /// <summary>The sweep file the store kept, checked again where it was (relative data paths resolve from its folder).</summary>
    private static SweepDefinition FromStore(TrialResult stored, StoredSweepFile? kept, string databasePath)
    {
        if (kept is null)
        {
            throw new CliException(
                $"the store {databasePath} holds no copy of the sweep file of '{stored.Sweep}' (it was registered by an earlier version of sweep): " +
                $"give the file the trial ran from, `sweep rerun {stored.TrialId} --db {databasePath} --file sweep.yaml`")
            {
                ExitCode = ExitCodes.Refused,
            };
        }

        try
        {
            return SweepFile.Parse(kept.Text, kept.FullPath);
        }
        catch (Exception exception) when (exception is SweepFileException or DatasetException)
        {
            throw new CliException(
                $"the sweep file of '{stored.Sweep}' that the store kept ({kept.FullPath}) cannot be checked again, so trial {stored.TrialId} cannot run: " +
                $"{exception.Message.ReplaceLineEndings("; ")}. If its data moved or is gone, put it back, or give the sweep file with --file")
            {
                ExitCode = ExitCodes.Refused,
            };
        }
    }

    private static SweepDefinition FromFile(string file, TrialResult stored)
    {
        SweepDefinition sweep = SweepLoading.LoadPlan(file).Definition;
        if (sweep.Name != stored.Sweep)
        {
            throw new CliException($"{file} is sweep '{sweep.Name}', but trial {stored.TrialId} belongs to sweep '{stored.Sweep}'");
        }

        return sweep;
    }

    /// <summary>The data now read must be the data the sweep registered, byte for byte, or the rerun would compare two data sets.</summary>
    private static void RequireSameData(TrialResult stored, SweepInfo? sweepInfo, SweepDefinition sweep)
    {
        if (sweepInfo?.DataHash is { } registered && !string.Equals(registered, sweep.DatasetKey, StringComparison.Ordinal))
        {
            throw new CliException(
                $"the data of sweep '{stored.Sweep}' changed since trial {stored.TrialId} was stored: {SweepLoading.FingerprintOf(sweep).DataSource} " +
                $"no longer hold{(sweep.Dataset is CsvTrainTestDataset ? "" : "s")} the data it ran on (registered data hash {registered[..12]}, now {sweep.DatasetKey[..12]}); " +
                "put the original data back to rerun it")
            {
                ExitCode = ExitCodes.Refused,
            };
        }
    }

    /// <summary>The trial rebuilt from its stored settings; its id, a hash of the sweep's identity and every setting, proves the rebuild.</summary>
    private static TrialPlan Rebuild(TrialResult stored, SweepDefinition sweep)
    {
        TrialPlan trial;
        try
        {
            trial = sweep.Search.TrialFromSettings(stored.Settings);
        }
        catch (FormatException exception)
        {
            throw new CliException($"trial {stored.TrialId} cannot be rebuilt from its stored settings: {exception.Message}") { ExitCode = ExitCodes.Refused };
        }

        if (trial.TrialId != stored.TrialId)
        {
            throw new CliException(
                $"the trial rebuilt from the stored settings of {stored.TrialId} has the id {trial.TrialId}: the sweep file {sweep.SourcePath} " +
                "is not the one the trial ran from (its name, data settings or gradient check differ)")
            {
                ExitCode = ExitCodes.Refused,
            };
        }

        return trial;
    }
}
