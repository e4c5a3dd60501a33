using Spectre.Console;
using System.CommandLine;
using System.Globalization;
using Sweep.Cli.Output;
using Sweep.Config;
using Sweep.Training.Data.Tabular;

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
            Terminal.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{parse.GetValue(file)}: sweep '{definition.Name}' is valid: {definition.Search.PlannedTrials} trials ({axes}); train {plan.Data.Train.ExampleCount} x {plan.Data.Train.FeatureCount} features{validation}, test {plan.Data.Test.ExampleCount}, {Target(definition.Data)}; ranked by {plan.Metric}"));
            foreach (string line in TableLines(definition.Data, definition.Dataset.Missing))
            {
                Terminal.WriteLine(line);
            }

            SearchPlan search = definition.Search;
            Terminal.WriteLine($"strategy: {search.Strategy.Describe()}");
            int width = search.SearchedSettings.Select(s => s.Name.Length).DefaultIfEmpty(0).Max();
            foreach (SearchedSetting setting in search.SearchedSettings)
            {
                Terminal.WriteLine($"  {setting.Name.PadRight(width)}  {setting.Distribution}");
            }

            var (fewest, most) = search.Iterations;
            string iterations = fewest == most
                ? string.Create(CultureInfo.InvariantCulture, $"{most:N0} iterations")
                : string.Create(CultureInfo.InvariantCulture, $"{fewest:N0} to {most:N0} iterations");
            Terminal.WriteLine(
                $"budget: {Count(search.Configurations, "configuration")} x {Count(search.Repeats, "repeat")} = {Count(search.PlannedTrials, "trial")} of {iterations} (at most {Count(search.PlannedTrials * most, "iteration")} in all)");
            Terminal.WriteLine(
                $"memory: the largest trial needs about {MemorySize.Describe(definition.LargestTrialMemoryBytes)} (each trial running at once needs its own); the data takes {MemorySize.Describe(definition.DataMemoryBytes)}");
            return 0;
        });
        return command;
    }

    private static string Target(DatasetSummary data) => data.IsRegression
        ? $"target '{data.LabelColumn}' (a value: regression)"
        : $"classes {string.Join("/", data.Classes)}";

    /// <summary>
    /// The categorical columns with their categories and the inputs they make, what empty cells did and the rows left
    /// out; nothing for a table of numbers only with nothing left out.
    /// </summary>
    private static IEnumerable<string> TableLines(DatasetSummary data, MissingValues missing)
    {
        if (data.Encoding is { } encoding && !encoding.IsIdentity)
        {
            var categorical = encoding.Columns.Where(c => c.IsCategorical).ToList();
            int numeric = encoding.Columns.Count - categorical.Count;
            yield return string.Create(CultureInfo.InvariantCulture,
                $"columns: {encoding.Columns.Count} ({categorical.Count} categorical, {numeric} numeric{(encoding.Columns.Any(c => c.Indicator) ? $", {encoding.Columns.Count(c => c.Indicator)} with a missing-value indicator" : string.Empty)}) make {encoding.Width} inputs; categories from the training split");
            int width = categorical.Select(c => c.Name.Length).DefaultIfEmpty(0).Max();
            foreach (ColumnEncoding column in categorical)
            {
                string shown = string.Join(", ", column.Categories!.Take(8)) + (column.Categories!.Count > 8 ? ", ..." : string.Empty);
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"  {column.Name.PadRight(width)}  categorical, {Count(column.Categories!.Count, "category", "categories")} ({shown}) -> {Count(column.Width, "input")}");
            }
        }

        if (data.EmptyCells > 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"missing: impute: {Count(data.EmptyCells, "empty cell")} filled (numeric: the training split's mean, plus an indicator input; categorical: the category \"missing\")");
        }

        if (missing == MissingValues.Drop || data.DroppedRows > 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"missing: drop: {Count(data.DroppedRows, "row")} with an empty cell left out");
        }

        if (data.MissingLabelRows > 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"rows left out: {Count(data.MissingLabelRows, "row")} with an empty label '{data.LabelColumn}'");
        }

        if (data.Notes is { } notes)
        {
            yield return $"notes: {notes}";
        }
    }

    private static string Count(long count, string noun, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {(count == 1 ? noun : plural ?? noun + "s")}");
}
