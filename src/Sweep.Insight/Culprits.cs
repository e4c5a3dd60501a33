using Sweep.Domain;

namespace Sweep.Insight;

/// <summary>
/// Which searched settings lead to what a rule looks for: the trials that show it, grouped by the setting values they
/// share, so a sentence can say "initializer zeros: 1 of 1 trials ..." rather than list trial ids.
/// </summary>
public static class Culprits
{
    /// <summary>Above this many values, one setting no longer names the culprits usefully; configurations do.</summary>
    private const int MostValuesNamed = 5;

    /// <summary>
    /// Two thirds: a setting named for a problem most of whose trials do not show it would blame it wrongly (in the
    /// course's regularization sweep, l2_lambda 0 holds the one overfitting trial and the dropout trial, which does
    /// not overfit: half, so that configuration is named instead), while a clear majority says the value leads there.
    /// </summary>
    private const double MostlyAffected = 2.0 / 3.0;

    /// <summary>
    /// The groups of <paramref name="trials"/> in which <paramref name="affected"/> trials occur, chosen as follows:
    /// <list type="number">
    /// <item>Every trial affected (and more than one): one group, "all trials".</item>
    /// <item>A single searched setting whose values split the trials exactly: every trial with one of its "culprit"
    /// values is affected, and every affected trial has one. Among several, the one with the fewest culprit values,
    /// then the fewest values in all (a grid axis before a sampled range), then the sweep file's order. The seed is
    /// never a culprit when another setting is searched: it only repeats a configuration.</item>
    /// <item>Else a single searched setting whose values that hold affected trials hold mostly affected ones: at least
    /// <see cref="MostlyAffected"/> of their trials (zeros and random x10 in "initializer zeros: 6 of 6 trials" and
    /// "initializer random:10: 2 of 6 trials"). Among several, the highest share, then the fewest values.</item>
    /// <item>Otherwise the configurations (every searched setting but the seed) that hold affected trials.</item>
    /// </list>
    /// No groups when no trial is affected.
    /// </summary>
    public static IReadOnlyList<SettingGroup> Of(IReadOnlyList<TrialResult> trials, Func<TrialResult, bool> affected)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(affected);
        var hit = trials.Where(affected).ToList();
        if (hit.Count == 0)
        {
            return [];
        }

        IReadOnlyList<string> names = SearchedSettings(trials);
        if (hit.Count == trials.Count && (trials.Count > 1 || names.Count == 0))
        {
            return [new SettingGroup(new Dictionary<string, string>(), trials, hit)];
        }

        var hitSet = hit.ToHashSet();
        List<SettingGroup>? best = null;
        int bestValueCount = int.MaxValue;
        foreach (string name in names)
        {
            var byValue = trials.GroupBy(t => ValueOf(t, name)).ToList();
            var culprits = byValue.Where(g => g.All(hitSet.Contains)).ToList();
            bool exact = culprits.Sum(g => g.Count()) == hit.Count;
            if (!exact || culprits.Count > MostValuesNamed)
            {
                continue;
            }

            bool better = best is null || culprits.Count < best.Count || (culprits.Count == best.Count && byValue.Count < bestValueCount);
            if (better)
            {
                best = culprits.Select(g => new SettingGroup(new Dictionary<string, string> { [name] = g.Key }, g.ToList(), g.ToList())).ToList();
                bestValueCount = byValue.Count;
            }
        }

        if (best is not null)
        {
            return best;
        }

        double bestShare = 0;
        foreach (string name in names)
        {
            var holding = trials.GroupBy(t => ValueOf(t, name)).Where(g => g.Any(hitSet.Contains)).ToList();
            double share = (double)hit.Count / holding.Sum(g => g.Count());
            if (share >= MostlyAffected && holding.Count <= MostValuesNamed && (best is null || share > bestShare || (share == bestShare && holding.Count < best.Count)))
            {
                best = holding.Select(g => new SettingGroup(new Dictionary<string, string> { [name] = g.Key }, g.ToList(), g.Where(hitSet.Contains).ToList())).ToList();
                bestShare = share;
            }
        }

        if (best is not null)
        {
            return best.OrderByDescending(g => (double)g.Affected.Count / g.Trials.Count).ToList();
        }

        return trials.GroupBy(t => string.Join("\u0001", names.Select(n => ValueOf(t, n))))
            .Where(g => g.Any(hitSet.Contains))
            .Select(g => new SettingGroup(
                names.ToDictionary(n => n, n => ValueOf(g.First(), n)),
                g.ToList(),
                g.Where(hitSet.Contains).ToList()))
            .ToList();
    }

    /// <summary>The searched settings that take more than one value, in the sweep file's order; the seed last, and only when it is the only one.</summary>
    public static IReadOnlyList<string> SearchedSettings(IReadOnlyList<TrialResult> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var names = trials.SelectMany(t => t.Parameters.Keys).Distinct().ToList();
        var varying = names.Where(n => trials.Select(t => ValueOf(t, n)).Distinct().Count() > 1).ToList();
        var withoutSeed = varying.Where(n => n != "seed").ToList();
        return withoutSeed.Count > 0 ? withoutSeed : varying;
    }

    private static string ValueOf(TrialResult trial, string name) => trial.Parameters.TryGetValue(name, out string? value) ? value : "-";
}
