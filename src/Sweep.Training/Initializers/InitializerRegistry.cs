using System.Globalization;

namespace Sweep.Training.Initializers;

/// <summary>Initializers by the names sweep files use; <c>random:&lt;scale&gt;</c> carries its scale.</summary>
public static class InitializerRegistry
{
    public static IReadOnlyList<string> Names { get; } =
        ["zeros", "random:<scale>", "he", "he_uniform", "xavier", "glorot_uniform", "lecun", "lecun_uniform"];

    public static IInitializer Create(string name)
    {
        string key = name.Trim().ToLowerInvariant();
        if (key.StartsWith("random:", StringComparison.Ordinal))
        {
            string scaleText = key["random:".Length..];
            if (!double.TryParse(scaleText, NumberStyles.Float, CultureInfo.InvariantCulture, out double scale)
                || !double.IsFinite(scale) || scale <= 0)
            {
                throw new ArgumentException($"initializer '{name}': the scale after 'random:' must be a positive number", nameof(name));
            }

            return new ScaledNormal(scale);
        }

        return key switch
        {
            "zeros" => new Zeros(),
            "he" => new HeNormal(),
            "he_uniform" => ScaledUniform.HeUniform,
            "xavier" or "glorot_normal" => new GlorotNormal(),
            "glorot_uniform" => ScaledUniform.GlorotUniform,
            "lecun" => new LeCunNormal(),
            "lecun_uniform" => ScaledUniform.LeCunUniform,
            "random" => throw new ArgumentException(
                $"initializer '{name}' needs a scale: write random:<scale>, for example random:10", nameof(name)),
            _ => throw new ArgumentException(
                $"unknown initializer '{name}': expected one of {string.Join(", ", Names)}", nameof(name)),
        };
    }
}
