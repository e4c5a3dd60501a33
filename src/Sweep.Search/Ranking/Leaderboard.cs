using MathNet.Numerics.Statistics;
using Sweep.Domain;

namespace Sweep.Search.Ranking;

/// <summary>
/// Which trials and which configurations are best, by one rule for the coordinator's progress, <c>sweep best</c> and
/// the report. Trials rank by <see cref="TrialRanking"/>. Configurations (a configuration is its settings without the
/// seed; with <c>repeats</c> it has a trial per seed) rank first by whether all their trials completed (a seed that
/// diverged or failed is a mark against the configuration, not a seed to leave out), then by <see cref="TrialRanking"/>
/// applied to their means: the mean metric, the mean tie-break cost, the id.
/// </summary>
public sealed class Leaderboard
{
    private readonly string _metric;
    private readonly bool _higherIsBetter;
    private readonly Dictionary<string, TrialResult> _trials = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TrialResult>> _configurations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ConfigurationStanding Standing, TrialRanking Rank)> _standings = new(StringComparer.Ordinal);

    /// <summary>Configurations with trials added since they were last ranked.</summary>
    private readonly HashSet<string> _unranked = new(StringComparer.Ordinal);
    private readonly Comparer<(ConfigurationStanding Standing, TrialRanking Rank)> _order;

    /// <summary>The order of a configuration's trials: by seed, then id.</summary>
    private static readonly Comparer<TrialResult> BySeed = Comparer<TrialResult>.Create((a, b) =>
    {
        int bySeed = a.Seed.CompareTo(b.Seed);
        return bySeed != 0 ? bySeed : string.CompareOrdinal(a.TrialId, b.TrialId);
    });
    private string? _best;
    private bool _bestKnown = true;

    public Leaderboard(string metric, bool higherIsBetter)
    {
        if (!TrialMetrics.IsValid(metric))
        {
            throw TrialMetrics.Unknown(metric, nameof(metric));
        }

        _metric = metric;
        _higherIsBetter = higherIsBetter;
        IComparer<TrialRanking> byRank = TrialRanking.Comparer(higherIsBetter);
        _order = Comparer<(ConfigurationStanding Standing, TrialRanking Rank)>.Create((a, b) =>
        {
            int byCompletion = b.Standing.AllCompleted.CompareTo(a.Standing.AllCompleted);
            return byCompletion != 0 ? byCompletion : byRank.Compare(a.Rank, b.Rank);
        });
    }

    public static Leaderboard Of(IEnumerable<TrialResult> trials, string metric, bool higherIsBetter)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var board = new Leaderboard(metric, higherIsBetter);
        foreach (TrialResult trial in trials)
        {
            board.Add(trial);
        }

        return board;
    }

    /// <summary>Whether some configuration has more than one trial (the sweep repeats its configurations over seeds).</summary>
    public bool HasRepeats => _configurations.Count < _trials.Count;

    /// <summary>
    /// Adds a stored trial; a trial already added is kept as it was (the store keeps the first result). The trial's
    /// configuration is ranked again when a ranking is next asked for (<see cref="Best"/>, <see cref="TopConfigurations"/>),
    /// once however many of its trials arrived in between: a sweep's progress costs the same per result however many
    /// configurations it has, and a pass over a configuration's trials (kept in order) per ranking asked for, not per
    /// result, however many seeds. With every trial a seed of one configuration (the 500-seed sweep of
    /// benchmarks/cluster), ranking it again per result made the coordinator's work per result grow with the trials
    /// stored, and building a board of a whole store (<c>sweep best</c>) grow with their square.
    /// </summary>
    public void Add(TrialResult trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (!_trials.TryAdd(trial.TrialId, trial))
        {
            return;
        }

        string key = trial.ConfigurationKey;
        if (!_configurations.TryGetValue(key, out List<TrialResult>? trials))
        {
            _configurations[key] = trials = [];
        }

        // Kept by seed then id as trials arrive, so that ranking the configuration again does not sort it again.
        int at = trials.BinarySearch(trial, BySeed);
        trials.Insert(at < 0 ? ~at : at, trial);
        _unranked.Add(key);
    }

    /// <summary>
    /// The best completed trial of <paramref name="configuration"/>, or null when none completed: what
    /// <see cref="TopTrials"/> of a board of its trials returns first, in one pass over them.
    /// </summary>
    public static TrialResult? BestTrialOf(ConfigurationStanding configuration, string metric, bool higherIsBetter)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        TrialResult? best = null;
        TrialRanking bestRank = default;
        foreach (TrialResult trial in configuration.Trials)
        {
            if (TrialRanking.Of(trial, metric) is { } rank && (best is null || TrialRanking.Compare(rank, bestRank, higherIsBetter) < 0))
            {
                best = trial;
                bestRank = rank;
            }
        }

        return best;
    }

    /// <summary>The best completed trials, best first, at most <paramref name="top"/> (all when null).</summary>
    public IReadOnlyList<TrialResult> TopTrials(int? top = null)
    {
        // The keys and the trials sorted together, as two arrays: LINQ's ordering of (trial, key) pairs is generic code
        // over a value type that ReadyToRun leaves to the JIT, about 20 ms at the end of every `sweep run`. The ranking
        // is a total order (it ends with the trial id), so an unstable sort gives the same order.
        var keys = new TrialRanking[_trials.Count];
        var ranked = new TrialResult[_trials.Count];
        int count = 0;
        foreach (TrialResult trial in _trials.Values)
        {
            if (TrialRanking.Of(trial, _metric) is { } rank)
            {
                keys[count] = rank;
                ranked[count++] = trial;
            }
        }

        Array.Sort(keys, ranked, 0, count, TrialRanking.Comparer(_higherIsBetter));
        return ranked[..Math.Clamp(top ?? count, 0, count)];
    }

    /// <summary>Configurations with at least one completed trial, best first, at most <paramref name="top"/> (all when null).</summary>
    public IReadOnlyList<ConfigurationStanding> TopConfigurations(int? top = null)
    {
        Rank();
        var ranked = _standings.Values.Order(_order).Select(s => s.Standing);
        return [.. top is null ? ranked : ranked.Take(top.Value)];
    }

    /// <summary>The best configuration so far, or null while none has a completed trial.</summary>
    public ConfigurationStanding? Best
    {
        get
        {
            Rank();
            if (!_bestKnown)
            {
                _best = _standings.Count == 0 ? null : _standings.MinBy(s => s.Value, _order).Key;
                _bestKnown = true;
            }

            return _best is null ? null : _standings[_best].Standing;
        }
    }

    /// <summary>Ranks the configurations that have trials added since they were last ranked, and keeps the best.</summary>
    private void Rank()
    {
        foreach (string key in _unranked)
        {
            var standing = Stand(key, _configurations[key]);
            if (standing.Standing.SeedsCompleted == 0)
            {
                _standings.Remove(key);
            }
            else
            {
                _standings[key] = standing;
            }

            if (_best == key)
            {
                // The best configuration may have fallen behind another: find the best again.
                _bestKnown = false;
            }
            else if (_bestKnown && standing.Standing.SeedsCompleted > 0 && (_best is null || _order.Compare(standing, _standings[_best]) < 0))
            {
                _best = key;
            }
        }

        _unranked.Clear();
    }

    /// <summary>How a configuration stands, from its trials in order (by seed, then id).</summary>
    private (ConfigurationStanding Standing, TrialRanking Rank) Stand(string key, List<TrialResult> configuration)
    {
        TrialResult[] trials = [.. configuration];
        TrialRanking[] completed = [.. trials.Select(t => TrialRanking.Of(t, _metric)).OfType<TrialRanking>()];
        double[] values = [.. completed.Select(r => r.Value)];
        double mean = values.Length == 0 ? double.NaN : values.Average();
        double worst = values.Length == 0 ? double.NaN : _higherIsBetter ? values.Min() : values.Max();
        double? deviation = values.Length < 2 ? null : values.StandardDeviation();
        double[] costs = [.. completed.Select(r => r.TieBreakCost).Where(c => !double.IsNaN(c))];
        double cost = costs.Length == completed.Length && costs.Length > 0 ? costs.Average() : double.NaN;
        return (new ConfigurationStanding(key, trials, mean, deviation, worst, completed.Length), new TrialRanking(key, mean, cost));
    }
}
