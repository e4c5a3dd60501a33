using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Sweep.Config.Parsing;

/// <summary>
/// Reads <c>strategy:</c>, either a name (<c>strategy: grid</c>) or a mapping
/// <c>{ name: tpe, samples: 60, seed: 7, parallel: 8, multivariate: false }</c>. No strategy is a grid.
/// </summary>
internal static class StrategySection
{
    public const string Key = "strategy";

    /// <summary>TPE's default look-ahead: eight workers busy, each proposal learning from all but the last eight.</summary>
    public const int DefaultParallel = 8;

    /// <summary>As many configurations as the largest grid allows: more is a mistake, not a plan.</summary>
    public const int MaxSamples = (int)SearchSection.MaxTrials;

    public static readonly string[] Keys = ["name", "samples", "seed", "parallel", "multivariate"];

    private static readonly SearchStrategySettings GridSettings = new(SearchStrategySettings.Grid, 0, 0, 1, false);

    public static SearchStrategySettings Read(MappingReader root, ErrorList errors)
    {
        if (!root.TryGet(Key, out YamlNode node) || Scalars.IsNull(node))
        {
            return GridSettings;
        }

        if (node is YamlScalarNode)
        {
            string? name = ReadName(node, Key, errors);
            if (name is SearchStrategySettings.Random or SearchStrategySettings.Tpe)
            {
                errors.Add(node, Key, $"{name} needs a budget: write strategy: {{ name: {name}, samples: 60 }} (samples counts configurations)");
            }

            return GridSettings;
        }

        if (MappingReader.Open(node, Key, Keys, errors, _ => null) is not { } map)
        {
            return GridSettings;
        }

        string? strategy = map.TryGet("name", out YamlNode nameNode) ? ReadName(nameNode, map.PathOf("name"), errors) : null;
        if (!map.Has("name"))
        {
            errors.Add(node, Key, $"missing 'name': one of {string.Join(", ", SearchStrategySettings.Names)}, such as strategy: {{ name: random, samples: 40 }}");
        }

        if (strategy is null)
        {
            return GridSettings;
        }

        if (strategy == SearchStrategySettings.Grid)
        {
            foreach (string key in map.Keys.Where(k => k != "name"))
            {
                errors.Add(map.KeyNode(key), map.PathOf(key),
                    $"'{key}' does not apply to a grid, which runs every point once; remove it, or use name: random or name: tpe");
            }

            return GridSettings;
        }

        int samples = 0;
        if (!map.TryGet("samples", out YamlNode samplesNode))
        {
            errors.Add(map.KeyNode("name"), map.PathOf("name"), $"{strategy} needs a budget: add samples: 60 (how many configurations to try)");
        }
        else if (Scalars.TryInt(samplesNode, map.PathOf("samples"), errors, out samples) && samples is < 1 or > MaxSamples)
        {
            errors.Add(samplesNode, map.PathOf("samples"), string.Create(CultureInfo.InvariantCulture,
                $"{samples} is not allowed: samples counts configurations, from 1 to {MaxSamples}"));
        }

        ulong seed = 0;
        if (map.TryGet("seed", out YamlNode seedNode) && Scalars.TryInt(seedNode, map.PathOf("seed"), errors, out int seedValue))
        {
            if (seedValue < 0)
            {
                errors.Add(seedNode, map.PathOf("seed"), string.Create(CultureInfo.InvariantCulture, $"{seedValue} is not allowed: the sampler's seed must be 0 or more"));
            }
            else
            {
                seed = (ulong)seedValue;
            }
        }

        int parallel = strategy == SearchStrategySettings.Tpe ? DefaultParallel : 1;
        if (map.TryGet("parallel", out YamlNode parallelNode))
        {
            if (strategy != SearchStrategySettings.Tpe)
            {
                errors.Add(map.KeyNode("parallel"), map.PathOf("parallel"),
                    "'parallel' applies to tpe only: random draws every configuration from the seed alone, so any number of workers gives the same trials");
            }
            else if (Scalars.TryInt(parallelNode, map.PathOf("parallel"), errors, out parallel) && parallel < 1)
            {
                errors.Add(parallelNode, map.PathOf("parallel"), string.Create(CultureInfo.InvariantCulture,
                    $"{parallel} is not allowed: parallel is how many configurations may run ahead of their results, 1 or more"));
            }
        }

        bool multivariate = false;
        if (map.TryGet("multivariate", out YamlNode multivariateNode))
        {
            if (strategy != SearchStrategySettings.Tpe)
            {
                errors.Add(map.KeyNode("multivariate"), map.PathOf("multivariate"), "'multivariate' applies to tpe only");
            }
            else
            {
                Scalars.TryBool(multivariateNode, map.PathOf("multivariate"), errors, out multivariate);
            }
        }

        return new SearchStrategySettings(strategy, samples, seed, Math.Max(parallel, 1), multivariate);
    }

    private static string? ReadName(YamlNode node, string path, ErrorList errors)
    {
        string[] names = [.. SearchStrategySettings.Names];
        if (!Scalars.TryText(node, path, errors, $"one of {string.Join(", ", names)}", out string text))
        {
            return null;
        }

        string key = text.Trim().ToLowerInvariant();
        if (names.Contains(key))
        {
            return key;
        }

        string? closest = KeySuggestions.Closest(key, names);
        errors.Add(node, path, $"unknown strategy {Scalars.Quote(text)}: expected one of {string.Join(", ", names)}"
            + (closest is null ? string.Empty : $"; did you mean '{closest}'?"));
        return null;
    }
}
