using Spectre.Console;
using System.CommandLine;
using Sweep.Cli.Output;
using Sweep.Domain;
using Sweep.Insight;
using Sweep.Insight.Boundaries;
using Sweep.Insight.Report;
using Sweep.Storage;
using Sweep.Training.Models;

namespace Sweep.Cli.Commands;

/// <summary>
/// <c>sweep report</c>: one self-contained HTML page of a sweep's stored trials (<see cref="SweepReport"/>): the
/// leaderboard, charts drawn by an inlined plotly.js, and the diagnosis. It opens with no network.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        Option<string> database = CommonOptions.Database();
        Option<string?> sweep = CommonOptions.SweepName();
        Option<string?> output = CommonOptions.WithEnvironment<string?>(
            new Option<string?>("--out") { Description = "Where to write the HTML report. Env: SWEEP_OUT" }, "SWEEP_OUT", null);
        var force = new Option<bool>("--force") { Description = "Replace the output file if it exists (a sweep store is never replaced)" };
        var command = new Command("report",
            "Write one self-contained HTML page (no network needed) with the leaderboard, charts of the trials (history, cost curves, per-layer norms, gradient checks, ...) and the diagnosis")
        { database, sweep, output, force };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(output) ?? throw new CliException("--out is required: the HTML file to write, such as report.html");
            using TrialStore store = SweepLoading.OpenForQueries(parse.GetValue(database)!);
            var (name, metric, higherIsBetter) = QueryCommands.RankedSweep(store, parse.GetValue(sweep));
            IReadOnlyList<TrialResult> trials = store.Trials(name);
            IReadOnlyList<Finding> findings = Diagnosis.Of(trials, DiagnoseCommand.ClassCount(store, trials));
            BoundaryData boundaries = Boundaries(store, name, parse.GetValue(database)!);
            ReportPage page = SweepReport.Build(name ?? "(no sweep)", trials, metric, higherIsBetter, findings, boundaries);
            OutputFile.Write(path, page.Html, parse.GetValue(force));
            SweepLoading.WarnAboutUnreadableTrials(store);
            string skipped = page.Skipped.Count == 0 ? "" : $"; not drawn, for want of data: {string.Join(", ", page.Skipped)}";
            Terminal.Out.WriteLine(CommandLineWords.Printable(
                $"Wrote the report of {(name is null ? "the store" : $"sweep '{name}'")} ({trials.Count} trial{(trials.Count == 1 ? "" : "s")}) to {path}: {page.Drawn.Count} chart{(page.Drawn.Count == 1 ? "" : "s")} and the leaderboard{skipped}"));
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The sweep's training split, read through the sweep file the store kept and checked against the registered data
    /// hash, and the trials' stored models; or why not, which the report prints in place of the decision boundaries.
    /// </summary>
    private static BoundaryData Boundaries(TrialStore store, string? sweep, string databasePath)
    {
        if (sweep is null)
        {
            return BoundaryData.Missing("the store registers no sweep, so it keeps no sweep file to read the data through");
        }

        KeptSweep kept = KeptSweep.Read(store, sweep, databasePath);
        if (kept.Problem is { } problem)
        {
            return BoundaryData.Missing(problem);
        }

        return BoundaryData.Of(kept.Definition!.LoadData().Train, id => store.Get(id)?.ModelJson is { } json ? ModelOrNull(json) : null);
    }

    /// <summary>A stored model that no longer reads is a panel left out, not a report that fails.</summary>
    private static TrainedModel? ModelOrNull(string json)
    {
        try
        {
            return TrainedModel.FromJson(json);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
