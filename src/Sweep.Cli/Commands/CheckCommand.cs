using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Sweep.Cli.Output;
using Sweep.Storage;

namespace Sweep.Cli.Commands;

/// <summary>
/// <c>sweep check</c>: reads every document of a store, as SQLite's integrity check does, and says what is intact and
/// what is not. Read-only; exit 0 only when everything was read.
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        Option<string> database = CommonOptions.Database();
        Option<bool> json = CommonOptions.Json();
        var command = new Command("check", "Read every document of the store and say what is intact and what is not (exit 0 only if all is)") { database, json };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(database)!;
            StoreCheckReport report;
            try
            {
                report = TrialStore.CheckFile(path);
            }
            catch (TrialStoreException exception)
            {
                throw new CliException(exception.Message, exception);
            }

            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(ToJson(report).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                Print(report);
            }

            return report.IsIntact ? ExitCodes.Success : ExitCodes.Refused;
        });
        return command;
    }

    private static void Print(StoreCheckReport report)
    {
        IAnsiConsole console = Terminal.Out;
        console.WriteLine($"{report.FilePath}: read {report.Sweeps} sweep registrations, {report.Trials} trial documents, {report.Models} models");
        foreach (string problem in report.Problems)
        {
            console.WriteLine($"  problem: {problem}");
        }

        foreach (UnreadableTrial trial in report.UnreadableTrials)
        {
            console.WriteLine($"  unreadable trial {trial.TrialId}: {trial.Problem}");
        }

        foreach (string damage in report.Rebuildable)
        {
            console.WriteLine($"  rebuildable: {damage}");
        }

        string rebuildable = report.Rebuildable.Count == 0 ? "" : $", {report.Rebuildable.Count} rebuildable";
        console.WriteLine(report.IsIntact
            ? "intact: every document was read"
            : $"damaged: {report.Problems.Count} problem{(report.Problems.Count == 1 ? "" : "s")}, {report.UnreadableTrials.Count} unreadable trial{(report.UnreadableTrials.Count == 1 ? "" : "s")}{rebuildable}; " +
              "queries leave out what cannot be read, and sweep run refuses a store whose collections cannot be read to the end " +
              "(what is rebuildable, the next run builds again from the trials). Keep a copy of the file");
    }

    private static JsonObject ToJson(StoreCheckReport report) => new()
    {
        ["file"] = report.FilePath,
        ["intact"] = report.IsIntact,
        ["sweeps"] = report.Sweeps,
        ["trials"] = report.Trials,
        ["models"] = report.Models,
        ["problems"] = new JsonArray([.. report.Problems.Select(p => (JsonNode)p)]),
        ["unreadable_trials"] = new JsonArray([.. report.UnreadableTrials.Select(t => (JsonNode)new JsonObject { ["trial_id"] = t.TrialId, ["problem"] = t.Problem })]),
        ["rebuildable"] = new JsonArray([.. report.Rebuildable.Select(p => (JsonNode)p)]),
    };
}
