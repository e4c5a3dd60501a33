using Sweep.Domain;

namespace Sweep.Insight.Report;

/// <summary>
/// One configuration of the report's leaderboard: its trials (one per seed), and over the completed ones the mean,
/// sample standard deviation and worst value of the metric.
/// </summary>
public sealed record ConfigurationRow(string ConfigurationId, IReadOnlyList<TrialResult> Trials, double Mean, double? StandardDeviation, double Worst, int SeedsCompleted)
{
    public bool AllCompleted => SeedsCompleted == Trials.Count;

    /// <summary>
    /// The configurations with a completed trial, best first, by the rule of <c>Sweep.Search.Ranking.Leaderboard</c>:
    /// those whose every trial completed first, then <see cref="TrialRanking"/> over the mean metric, the mean
    /// tie-break cost and the id. Sweep.Insight depends on Sweep.Domain only (STYLE.md's arrows), so it applies the
    /// domain's ranking here rather than reference Sweep.Search; a test holds the two orders equal.
    /// </summary>
    public static IReadOnlyList<ConfigurationRow> Rank(IReadOnlyList<TrialResult> trials, string metric, bool higherIsBetter)
    {
        ArgumentNullException.ThrowIfNull(trials);
        IComparer<TrialRanking> byRank = TrialRanking.Comparer(higherIsBetter);
        var standings = new List<(ConfigurationRow Row, TrialRanking Rank)>();
        foreach (var group in trials.DistinctBy(t => t.TrialId).GroupBy(t => t.ConfigurationKey, StringComparer.Ordinal))
        {
            TrialResult[] members = [.. group.OrderBy(t => t.Seed).ThenBy(t => t.TrialId, StringComparer.Ordinal)];
            TrialRanking[] completed = [.. members.Select(t => TrialRanking.Of(t, metric)).OfType<TrialRanking>()];
            if (completed.Length == 0)
            {
                continue;
            }

            double[] values = [.. completed.Select(r => r.Value)];
            double mean = values.Average();
            double worst = higherIsBetter ? values.Min() : values.Max();
            double? deviation = values.Length < 2 ? null : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
            double[] costs = [.. completed.Select(r => r.TieBreakCost).Where(c => !double.IsNaN(c))];
            double cost = costs.Length == completed.Length ? costs.Average() : double.NaN;
            standings.Add((new ConfigurationRow(group.Key, members, mean, deviation, worst, completed.Length), new TrialRanking(group.Key, mean, cost)));
        }

        return [.. standings
            .OrderByDescending(s => s.Row.AllCompleted)
            .ThenBy(s => s.Rank, byRank)
            .Select(s => s.Row)];
    }
}
