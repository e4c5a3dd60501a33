using System.Globalization;
using Sweep.Domain;

namespace Sweep.Cli.Output;

/// <summary>
/// The settings a listing shows as columns: the searched settings of the trials shown, in the sweep file's order,
/// and the seed when the trials differ in it (repeats) without searching it.
/// </summary>
internal static class SettingColumns
{
    public const string Seed = "seed";

    public static IReadOnlyList<string> Of(IEnumerable<TrialResult> trials)
    {
        var shown = trials.ToList();
        var names = shown.SelectMany(t => t.Parameters.Keys).Distinct(StringComparer.Ordinal).ToList();
        if (!names.Contains(Seed) && shown.Select(t => t.Seed).Distinct().Skip(1).Any())
        {
            names.Add(Seed);
        }

        return names;
    }

    /// <summary>A trial's value of a setting as a table shows it: a drawn real number with 4 significant digits.</summary>
    public static string ValueOf(TrialResult trial, string name)
    {
        if (name == Seed && !trial.Parameters.ContainsKey(Seed))
        {
            return trial.Seed.ToString(CultureInfo.InvariantCulture);
        }

        if (!trial.Parameters.TryGetValue(name, out string? value))
        {
            return trial.Settings.TryGetValue(name, out string? setting) ? setting : "-";
        }

        return value.Length > 8 && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number)
            ? number.ToString("G4", CultureInfo.InvariantCulture)
            : value;
    }
}
