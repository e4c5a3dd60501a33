using Spectre.Console;
using System.CommandLine;
using Sweep.Cli.Output;
using Sweep.Config;
using Sweep.Domain;
using Sweep.Runtime;
using Sweep.Storage;

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
        SweepDefinition sweep;
        using (TrialStore store = SweepLoading.OpenForQueries(databasePath))
        {
            stored = QueryCommands.Find(store, trialId);
            sweep = file is null ? FromStore(store, stored, databasePath) : FromFile(file, stored);
            if (KeptSweep.DataChanged(store, stored.Sweep, sweep) is { } changed)
            {
                throw new CliException($"{changed} to rerun trial {stored.TrialId}") { ExitCode = ExitCodes.Refused };
            }
        }

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
    private static SweepDefinition FromStore(TrialStore store, TrialResult stored, string databasePath)
    {
        KeptSweep kept = KeptSweep.Read(store, stored.Sweep, databasePath);
        if (kept.Definition is null)
        {
            string remedy = store.SweepFile(stored.Sweep) is null
                ? $"give the file the trial ran from, `sweep rerun {stored.TrialId} --db {databasePath} --file sweep.yaml`"
                : "or give the sweep file with --file";
            throw new CliException($"trial {stored.TrialId} cannot run: {kept.Problem}; {remedy}") { ExitCode = ExitCodes.Refused };
        }

        return kept.Definition;
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
