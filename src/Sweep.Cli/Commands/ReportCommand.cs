using Spectre.Console;
using System.CommandLine;
using Sweep.Cli.Output;
using Sweep.Domain;
using Sweep.Insight;
using Sweep.Insight.Report;
using Sweep.Storage;

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
            ReportPage page = SweepReport.Build(name ?? "(no sweep)", trials, metric, higherIsBetter, findings);
            OutputFile.Write(path, page.Html, parse.GetValue(force));
            SweepLoading.WarnAboutUnreadableTrials(store);
            string skipped = page.Skipped.Count == 0 ? "" : $"; not drawn, for want of data: {string.Join(", ", page.Skipped)}";
            Terminal.Out.WriteLine(CommandLineWords.Printable(
                $"Wrote the report of {(name is null ? "the store" : $"sweep '{name}'")} ({trials.Count} trial{(trials.Count == 1 ? "" : "s")}) to {path}: {page.Drawn.Count} chart{(page.Drawn.Count == 1 ? "" : "s")} and the leaderboard{skipped}"));
            return 0;
        });
        return command;
    }
}
