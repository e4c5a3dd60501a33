using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sweep.Cli.Output;
using Sweep.Domain;
using Sweep.Insight;
using Sweep.Storage;

namespace Sweep.Cli.Commands;

/// <summary>
/// <c>sweep diagnose</c>: what the stored trials of a sweep say, in plain words with numbers (<see cref="Diagnosis"/>).
/// </summary>
internal static class DiagnoseCommand
{
    public static Command Create()
    {
        Option<string> database = CommonOptions.Database();
        Option<string?> sweep = CommonOptions.SweepName();
        Option<bool> json = CommonOptions.Json();
        var command = new Command("diagnose",
            "Which settings led to gradient-check failures, divergence, symmetric units, vanishing or exploding gradients, a saturated start or a train-test gap, and which initializer suits which activation")
        { database, sweep, json };
        command.SetAction(parse =>
        {
            using TrialStore store = SweepLoading.OpenForQueries(parse.GetValue(database)!);
            var (name, _, _) = QueryCommands.RankedSweep(store, parse.GetValue(sweep));
            IReadOnlyList<TrialResult> trials = store.Trials(name);
            IReadOnlyList<Finding> findings = Diagnosis.Of(trials, ClassCount(store, trials));
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(ToJson(findings).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            }
            else
            {
                Print(name, trials.Count, findings);
            }

            SweepLoading.WarnAboutUnreadableTrials(store);
            return 0;
        });
        return command;
    }

    /// <summary>2 for a sigmoid output; for softmax, the classes of the first completed trial's model; null when no model says.</summary>
    internal static int? ClassCount(TrialStore store, IReadOnlyList<TrialResult> trials)
    {
        if (Diagnosis.ClassCountFromSettings(trials) is { } count)
        {
            return count;
        }

        TrialResult? completed = trials.FirstOrDefault(t => t.Status == TrialResultStatus.Completed);
        string? model = completed is null ? null : store.Get(completed.TrialId)?.ModelJson;
        if (model is null)
        {
            return null;
        }

        return JsonNode.Parse(model)?["classes"] is JsonArray classes && classes.Count >= 2 ? classes.Count : null;
    }

    private static void Print(string? sweep, int trialCount, IReadOnlyList<Finding> findings)
    {
        string which = sweep is null ? "" : $" of sweep '{sweep}'";
        if (trialCount == 0)
        {
            Console.Out.WriteLine($"No trials{which} are stored yet: nothing to diagnose.");
            return;
        }

        Console.Out.WriteLine($"Diagnosis{which} ({trialCount} trial{(trialCount == 1 ? "" : "s")}):");
        foreach (Finding finding in findings)
        {
            Console.Out.WriteLine(CommandLineWords.Printable($"- {finding.Sentence}"));
        }

        if (!findings.Any(f => f.Kind is not (FindingKinds.HealthyTraining or FindingKinds.InitializerForActivation)))
        {
            Console.Out.WriteLine("- No gradient-check failure, divergence, symmetric units, gradient flow problem, saturated start or large train-test gap.");
        }
    }

    private static JsonArray ToJson(IReadOnlyList<Finding> findings) => new(findings.Select(f => (JsonNode)new JsonObject
    {
        ["kind"] = f.Kind,
        ["settings"] = new JsonObject(f.Settings.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))),
        ["trials"] = f.Trials,
        ["affected"] = f.Affected,
        ["numbers"] = new JsonObject(f.Numbers.Select(n => KeyValuePair.Create(n.Key, (JsonNode?)(double.IsFinite(n.Value) ? n.Value : null)))),
        ["trial_ids"] = new JsonArray(f.TrialIds.Select(id => (JsonNode?)id).ToArray()),
        ["sentence"] = f.Sentence,
    }).ToArray());
}
