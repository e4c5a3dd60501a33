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
    private readonly Comparer<(ConfigurationStanding Standing, TrialRanking Rank)> _order;
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
            ArgumentNullException.ThrowIfNull(trial);
            board.Insert(trial);
        }

        // Each configuration is stood once, on all its trials, rather than again after each of them as Add does.
        foreach (KeyValuePair<string, List<TrialResult>> configuration in board._configurations)
        {
            board.Restand(configuration.Key, configuration.Value);
        }

        board._bestKnown = false;
        return board;
    }

    /// <summary>Whether some configuration has more than one trial (the sweep repeats its configurations over seeds).</summary>
    public bool HasRepeats => _configurations.Count < _trials.Count;

    /// <summary>
    /// Adds a stored trial; a trial already added is kept as it was (the store keeps the first result). Only the
    /// trial's configuration is ranked again, so a sweep's progress costs the same per result however many it has.
    /// </summary>
    public void Add(TrialResult trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (Insert(trial) is not { } trials)
        {
            return;
        }

        string key = trial.ConfigurationKey;
        var standing = Restand(key, trials);
        if (_best == key)
        {
            // The best configuration may have fallen behind another: find the best again when asked.
            _bestKnown = false;
        }
        else if (_bestKnown && standing.Standing.SeedsCompleted > 0 && (_best is null || _order.Compare(standing, _standings[_best]) < 0))
        {
            _best = key;
        }
    }

    /// <summary>Adds the trial to its configuration's trials, which it returns; null for a trial already added.</summary>
    private List<TrialResult>? Insert(TrialResult trial)
    {
        if (!_trials.TryAdd(trial.TrialId, trial))
        {
            return null;
        }

        string key = trial.ConfigurationKey;
        if (!_configurations.TryGetValue(key, out List<TrialResult>? trials))
        {
            _configurations[key] = trials = [];
        }

        trials.Add(trial);
        return trials;
    }

    /// <summary>Ranks the configuration again on its trials; one without a completed trial has no standing.</summary>
    private (ConfigurationStanding Standing, TrialRanking Rank) Restand(string key, List<TrialResult> trials)
    {
        var standing = Stand(key, trials);
        if (standing.Standing.SeedsCompleted == 0)
        {
            _standings.Remove(key);
        }
        else
        {
            _standings[key] = standing;
        }

        return standing;
    }

    /// <summary>The best completed trials, best first, at most <paramref name="top"/> (all when null).</summary>
    public IReadOnlyList<TrialResult> TopTrials(int? top = null)
    {
        IComparer<TrialRanking> comparer = TrialRanking.Comparer(_higherIsBetter);
        var ranked = _trials.Values
            .Select(t => (Trial: t, Rank: TrialRanking.Of(t, _metric)))
            .Where(r => r.Rank is not null)
            .OrderBy(r => r.Rank!.Value, comparer)
            .Select(r => r.Trial);
        return [.. top is null ? ranked : ranked.Take(top.Value)];
    }

    /// <summary>Configurations with at least one completed trial, best first, at most <paramref name="top"/> (all when null).</summary>
    public IReadOnlyList<ConfigurationStanding> TopConfigurations(int? top = null)
    {
        var ranked = _standings.Values.Order(_order).Select(s => s.Standing);
        return [.. top is null ? ranked : ranked.Take(top.Value)];
    }

    /// <summary>The best configuration so far, or null while none has a completed trial.</summary>
    public ConfigurationStanding? Best
    {
        get
        {
            if (!_bestKnown)
            {
                _best = _standings.Count == 0 ? null : _standings.MinBy(s => s.Value, _order).Key;
                _bestKnown = true;
            }

            return _best is null ? null : _standings[_best].Standing;
        }
    }

    private (ConfigurationStanding Standing, TrialRanking Rank) Stand(string key, List<TrialResult> configuration)
    {
        TrialResult[] trials = [.. configuration.OrderBy(t => t.Seed).ThenBy(t => t.TrialId, StringComparer.Ordinal)];
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
