namespace Sweep.Domain;

/// <summary>
/// Which of two completed trials is better: the one with the better value of the sweep's metric, then the lower
/// tie-break cost (<see cref="TrialMetrics.TieBreakCost"/>: the validation cost for a validation metric, else the test
/// cost; a missing cost last), then the smaller trial id (ordinal), so that a ranking never depends on the order
/// results arrived or were stored. <c>sweep best</c>, <c>export-model --best</c> and the progress view all rank by it.
/// </summary>
/// <param name="TieBreakCost">The trial's value of <see cref="TrialMetrics.TieBreakCost"/> for the metric; NaN when it has none.</param>
public readonly record struct TrialRanking(string TrialId, double Value, double TieBreakCost)
{
    /// <summary>The trial's ranking key, or null when it did not complete or has no finite value of the metric.</summary>
    public static TrialRanking? Of(TrialResult trial, string metric)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return trial.Status == TrialResultStatus.Completed && TrialMetrics.ValueOf(trial, metric) is { } value && double.IsFinite(value)
            ? new TrialRanking(trial.TrialId, value, TrialMetrics.ValueOf(trial, TrialMetrics.TieBreakCost(metric)) ?? double.NaN)
            : null;
    }

    /// <summary>Negative when <paramref name="a"/> ranks before (is better than) <paramref name="b"/>.</summary>
    public static int Compare(TrialRanking a, TrialRanking b, bool higherIsBetter)
    {
        int byValue = higherIsBetter ? b.Value.CompareTo(a.Value) : a.Value.CompareTo(b.Value);
        if (byValue != 0)
        {
            return byValue;
        }

        int byCost = CostOrLast(a.TieBreakCost).CompareTo(CostOrLast(b.TieBreakCost));
        return byCost != 0 ? byCost : string.CompareOrdinal(a.TrialId, b.TrialId);
    }

    public static IComparer<TrialRanking> Comparer(bool higherIsBetter) => Comparer<TrialRanking>.Create((a, b) => Compare(a, b, higherIsBetter));

    private static double CostOrLast(double cost) => double.IsNaN(cost) ? double.PositiveInfinity : cost;
}
