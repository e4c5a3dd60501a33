using System.Collections.ObjectModel;
using System.Security.Cryptography;
using System.Text;
using Sweep.Training.GradientChecking;

namespace Sweep.Config.Parsing;

/// <summary>
/// Turns a trial's resolved settings into a <see cref="TrialPlan"/>: its id and configuration id (hashes of the
/// sweep's identity and the canonical text of every setting, the configuration's without the seed), its searched
/// settings, every setting, and the engine's definition.
/// </summary>
internal sealed class TrialFactory(string identity, IReadOnlyList<string> axes, GradientCheckOptions? gradientCheck)
{
    public const string Seed = "seed";

    public IReadOnlyList<string> Axes { get; } = axes;

    public TrialPlan Create(IReadOnlyDictionary<string, SettingValue> values)
    {
        var trial = new StringBuilder(identity);
        var configuration = new StringBuilder("sweep-configuration/1\n").Append(identity);
        var settings = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (Setting setting in SettingCatalog.All)
        {
            string canonical = values[setting.Name].Canonical;
            settings[setting.Name] = canonical;
            trial.Append(setting.Name).Append('=').Append(canonical).Append('\n');
            if (setting.Name != Seed)
            {
                configuration.Append(setting.Name).Append('=').Append(canonical).Append('\n');
            }
        }

        var parameters = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string axis in Axes)
        {
            parameters[axis] = settings[axis];
        }

        return new TrialPlan(
            Hash(trial),
            Hash(configuration),
            new ReadOnlyDictionary<string, string>(parameters),
            new ReadOnlyDictionary<string, string>(settings),
            SettingCatalog.Build(values, gradientCheck));
    }

    private static string Hash(StringBuilder text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
}
