using Spectre.Console;
using System.CommandLine;
using System.Globalization;
using Sweep.Cli.Output;
using Sweep.Config;

namespace Sweep.Cli.Commands;

/// <summary><c>sweep validate</c>: checks a sweep file and its data, and says how many trials it expands to.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("sweep.yaml") { Description = "The sweep file" };
        var command = new Command("validate", "Check a sweep file and its data, and count its trials") { file };
        command.SetAction(parse =>
        {
            var (definition, plan) = SweepLoading.LoadPlan(parse.GetValue(file)!);
            string axes = definition.Axes.Count == 0 ? "no search axes" : "axes: " + string.Join(", ", definition.Axes);
            string validation = definition.Data.ValidationExamples == 0
                ? string.Empty
                : string.Create(CultureInfo.InvariantCulture, $", validation {definition.Data.ValidationExamples}");
            Terminal.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{parse.GetValue(file)}: sweep '{definition.Name}' is valid: {plan.Trials.Count} trials ({axes}); train {plan.Data.Train.ExampleCount} x {plan.Data.Train.FeatureCount} features{validation}, test {plan.Data.Test.ExampleCount}, classes {string.Join("/", plan.Data.Train.Classes)}; ranked by {plan.Metric}"));
            Terminal.Out.WriteLine(
                $"memory: the largest trial needs about {MemorySize.Describe(definition.LargestTrialMemoryBytes)} (each trial running at once needs its own); the data takes {MemorySize.Describe(definition.DataMemoryBytes)}");
            return 0;
        });
        return command;
    }
}
