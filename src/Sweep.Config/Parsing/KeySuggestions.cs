namespace Sweep.Config.Parsing;

/// <summary>"Did you mean" for unknown keys: a few common synonyms, then the closest known key by edit distance.</summary>
internal static class KeySuggestions
{
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["lr"] = "learning_rate",
        ["alpha"] = "learning_rate",
        ["epochs"] = "iterations",
        ["steps"] = "iterations",
        ["num_iterations"] = "iterations",
        ["lambda"] = "l2_lambda",
        ["lambd"] = "l2_lambda",
        ["weight_decay"] = "l2_lambda",
        ["dropout"] = "keep_prob",
        ["layers"] = "hidden",
        ["hidden_layers"] = "hidden",
        ["layer_sizes"] = "hidden",
        ["init"] = "initializer",
        ["initialization"] = "initializer",
        ["hidden_activation"] = "activation",
        ["grid"] = "search",
        ["parameters"] = "search",
        ["data"] = "dataset",
        ["random"] = "rng",
        ["seeds"] = "seed",
    };

    /// <summary>The known key the user most likely meant, or null when none is close.</summary>
    public static string? Closest(string key, IEnumerable<string> known)
    {
        var candidates = known.ToList();
        if (Synonyms.TryGetValue(key, out string? synonym) && candidates.Contains(synonym))
        {
            return synonym;
        }

        string lowered = key.ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            int distance = Distance(lowered, candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        int allowed = Math.Max(2, key.Length / 3);
        return bestDistance <= allowed ? best : null;
    }

    /// <summary>Levenshtein distance (insertions, deletions, substitutions), two rows at a time.</summary>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
