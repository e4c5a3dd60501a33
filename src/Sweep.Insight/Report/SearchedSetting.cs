using System.Globalization;

namespace Sweep.Insight.Report;

/// <summary>
/// A setting the sweep searched: its name, whether every value is a number (an axis of numbers) or not (categories),
/// and its distinct values, numbers in increasing order, categories in the order first seen.
/// </summary>
public sealed record SearchedSetting(string Name, bool IsNumeric, IReadOnlyList<string> Values)
{
    /// <summary>Positive numbers spanning more than two decades (learning rates, lambdas), which read better on a log axis.</summary>
    public bool IsLogSpaced { get; } = IsNumeric && Values.Count > 2 && SpansDecades(Values);

    public static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>The settings named in the trials' <c>Parameters</c>, in the order they first appear.</summary>
    public static IReadOnlyList<SearchedSetting> Of(IReadOnlyList<Sweep.Domain.TrialResult> trials)
    {
        var names = new List<string>();
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var seen = new HashSet<(string, string)>();
        foreach (var trial in trials)
        {
            foreach (var (name, value) in trial.Parameters)
            {
                if (!values.TryGetValue(name, out List<string>? list))
                {
                    names.Add(name);
                    values[name] = list = [];
                }

                if (seen.Add((name, value)))
                {
                    list.Add(value);
                }
            }
        }

        return [.. names.Select(name =>
        {
            List<string> list = values[name];
            bool numeric = list.All(v => TryNumber(v, out _));
            IReadOnlyList<string> ordered = numeric ? [.. list.OrderBy(v => double.Parse(v, CultureInfo.InvariantCulture))] : list;
            return new SearchedSetting(name, numeric, ordered);
        })];
    }

    private static bool SpansDecades(IReadOnlyList<string> values)
    {
        double[] numbers = [.. values.Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
        return numbers.All(v => v > 0) && numbers.Max() / numbers.Min() > 100;
    }
}
