using Sweep.Domain;

namespace Sweep.Insight;

/// <summary>
/// Trials that share some searched settings (<see cref="Settings"/>; none for "every trial"), and those of them that
/// show what a rule looks for.
/// </summary>
public sealed record SettingGroup(IReadOnlyDictionary<string, string> Settings, IReadOnlyList<TrialResult> Trials, IReadOnlyList<TrialResult> Affected)
{
    /// <summary>
    /// "initializer zeros", "l2_lambda 0, keep_prob 1", or "all trials" / "the sweep's trial". A number sampled from a
    /// range reads to 4 significant digits ("learning_rate 0.2663"); <see cref="Settings"/> keeps it exact.
    /// </summary>
    public string Label => Settings.Count > 0 ? string.Join(", ", Settings.Select(s => $"{s.Key} {Readable(s.Value)}"))
        : Trials.Count == 1 ? "the sweep's one trial" : "all trials";

    /// <summary>"initializer zeros: 1 of 1 trials", the start of a finding's sentence.</summary>
    public string Opening => $"{Label}: {Affected.Count} of {Trials.Count} trials";

    public Finding ToFinding(string kind, IReadOnlyDictionary<string, double> numbers, string sentence) =>
        new(kind, Settings, Trials.Count, Affected.Count, numbers, Affected.Select(t => t.TrialId).ToList(), sentence);

    private static string Readable(string value) =>
        value.Length > 6 && double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double number) && double.IsFinite(number)
            ? number.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)
            : value;
}
