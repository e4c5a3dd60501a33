using System.Globalization;

namespace Sweep.Insight;

/// <summary>How the diagnosis writes numbers and counts: invariant culture, as few digits as say the thing.</summary>
internal static class Words
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>0.5 as "0.50", 0.9933 as "0.993".</summary>
    public static string Accuracy(double value) => value.ToString("0.00#", Invariant);

    /// <summary>A signed difference of accuracies: 0.0329 as "0.033".</summary>
    public static string Gap(double value) => value.ToString("0.000", Invariant);

    /// <summary>A cost or a norm ratio, 4 significant digits: "1774", "0.8831", "2.1E-05".</summary>
    public static string Number(double value) => value.ToString("G4", Invariant);

    /// <summary>"2559" times, or "1.3" times.</summary>
    public static string Times(double value) => value >= 10 ? value.ToString("0", Invariant) : value.ToString("0.0", Invariant);

    /// <summary>One value, or the range "min to max" of several.</summary>
    public static string Span(IEnumerable<double> values, Func<double, string> format)
    {
        var list = values.ToList();
        double min = list.Min();
        double max = list.Max();
        return min == max ? format(min) : $"{format(min)} to {format(max)}";
    }

    /// <summary>"1 trial", "3 trials".</summary>
    public static string Trials(int count) => count == 1 ? "1 trial" : $"{count.ToString(Invariant)} trials";
}
