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
                $"{parse.GetValue(file)}: sweep '{definition.Name}' is valid: {definition.Search.PlannedTrials} trials ({axes}); train {plan.Data.Train.ExampleCount} x {plan.Data.Train.FeatureCount} features{validation}, test {plan.Data.Test.ExampleCount}, classes {string.Join("/", plan.Data.Train.Classes)}; ranked by {plan.Metric}"));
            SearchPlan search = definition.Search;
            Terminal.Out.WriteLine($"strategy: {search.Strategy.Describe()}");
            int width = search.SearchedSettings.Select(s => s.Name.Length).DefaultIfEmpty(0).Max();
            foreach (SearchedSetting setting in search.SearchedSettings)
            {
                Terminal.Out.WriteLine($"  {setting.Name.PadRight(width)}  {setting.Distribution}");
            }

            var (fewest, most) = search.Iterations;
            string iterations = fewest == most
                ? string.Create(CultureInfo.InvariantCulture, $"{most:N0} iterations")
                : string.Create(CultureInfo.InvariantCulture, $"{fewest:N0} to {most:N0} iterations");
            Terminal.Out.WriteLine(
                $"budget: {Count(search.Configurations, "configuration")} x {Count(search.Repeats, "repeat")} = {Count(search.PlannedTrials, "trial")} of {iterations} (at most {Count(search.PlannedTrials * most, "iteration")} in all)");
            Terminal.Out.WriteLine(
                $"memory: the largest trial needs about {MemorySize.Describe(definition.LargestTrialMemoryBytes)} (each trial running at once needs its own); the data takes {MemorySize.Describe(definition.DataMemoryBytes)}");
            return 0;
        });
        return command;
    }

    private static string Count(long count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {noun}{(count == 1 ? string.Empty : "s")}");
}
