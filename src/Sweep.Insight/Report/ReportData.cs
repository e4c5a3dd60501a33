using Sweep.Domain;
using Sweep.Insight.Boundaries;
using Sweep.Insight.Importance;

namespace Sweep.Insight.Report;

/// <summary>
/// A sweep's trials as the charts read them: ranked by the sweep's metric (<see cref="TrialRanking"/>, the rule
/// <c>sweep best</c> uses), in the order they finished, their searched settings, and a deterministic sample for
/// charts that draw a point per trial.
/// </summary>
public sealed class ReportData
{
    /// <summary>Charts that draw a point per trial draw at most this many, so a 20,000-trial report stays small.</summary>
    public const int MaxPoints = 5000;

    /// <summary>The best trials always in a sample, so the interesting end of a chart is never thinned out.</summary>
    public const int BestAlwaysSampled = 100;

    private readonly HashSet<string> _sampledIds;

    private readonly Lazy<IReadOnlyList<SettingImportance>> _importances;

    public ReportData(string sweep, IReadOnlyList<TrialResult> trials, string metric, bool higherIsBetter, IReadOnlyList<Finding> findings, BoundaryData? boundaries = null)
    {
        ArgumentNullException.ThrowIfNull(trials);
        if (!TrialMetrics.IsValid(metric))
        {
            throw TrialMetrics.Unknown(metric, nameof(metric));
        }

        Sweep = sweep;
        Trials = trials;
        Metric = metric;
        HigherIsBetter = higherIsBetter;
        Findings = findings;
        Boundaries = boundaries;
        IComparer<TrialRanking> comparer = TrialRanking.Comparer(higherIsBetter);
        Ranked = [.. trials.Select(t => (Trial: t, Rank: TrialRanking.Of(t, metric))).Where(r => r.Rank is not null)
            .OrderBy(r => r.Rank!.Value, comparer).Select(r => r.Trial)];
        ByFinish = [.. trials.OrderBy(t => t.FinishedAt).ThenBy(t => t.TrialId, StringComparer.Ordinal)];
        Searched = SearchedSetting.Of(trials);
        _importances = new Lazy<IReadOnlyList<SettingImportance>>(() => PedAnova.Of(Ranked, Searched, Metric, HigherIsBetter));
        _sampledIds = SampleIds();
    }

    public string Sweep { get; }

    public IReadOnlyList<TrialResult> Trials { get; }

    public string Metric { get; }

    public bool HigherIsBetter { get; }

    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>The data and models for decision boundaries; null when the report was made without them.</summary>
    public BoundaryData? Boundaries { get; }

    /// <summary>The completed trials with a finite metric, best first.</summary>
    public IReadOnlyList<TrialResult> Ranked { get; }

    /// <summary>Every trial, by <see cref="TrialResult.FinishedAt"/>, then id.</summary>
    public IReadOnlyList<TrialResult> ByFinish { get; }

    public IReadOnlyList<SearchedSetting> Searched { get; }

    /// <summary>Each searched setting's importance by <see cref="PedAnova"/>, most important first.</summary>
    public IReadOnlyList<SettingImportance> Importances => _importances.Value;

    public bool IsSampled => _sampledIds.Count < Trials.Count;

    public static bool IsFailing(TrialResult trial) => trial.Status is TrialResultStatus.Diverged or TrialResultStatus.GradcheckFailed or TrialResultStatus.Failed;

    public double? MetricOf(TrialResult trial) => TrialMetrics.ValueOf(trial, Metric);

    /// <summary>
    /// The trials of <paramref name="trials"/> (in their order) that are in the report's sample: all when the sweep has
    /// at most <see cref="MaxPoints"/>; else the <see cref="BestAlwaysSampled"/> best and every k-th of the others by
    /// trial id, the same on every run.
    /// </summary>
    public IReadOnlyList<TrialResult> Sample(IEnumerable<TrialResult> trials) =>
        IsSampled ? [.. trials.Where(t => _sampledIds.Contains(t.TrialId))] : [.. trials];

    /// <summary>" (a sample of 5,000 of 20,000 trials: the 100 best and every k-th by id)", or "" when nothing is left out.</summary>
    public string SampleWords(int shown, int of) => shown >= of ? ""
        : $" Sampled: {shown:N0} of {of:N0} trials (the {BestAlwaysSampled} best and every {Stride:N0}th of the rest by trial id).";

    private int Stride { get; set; } = 1;

    private HashSet<string> SampleIds()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (Trials.Count <= MaxPoints)
        {
            ids.UnionWith(Trials.Select(t => t.TrialId));
            return ids;
        }

        ids.UnionWith(Ranked.Take(BestAlwaysSampled).Select(t => t.TrialId));
        TrialResult[] rest = [.. Trials.Where(t => !ids.Contains(t.TrialId)).OrderBy(t => t.TrialId, StringComparer.Ordinal)];
        Stride = (int)Math.Ceiling(rest.Length / (double)(MaxPoints - ids.Count));
        for (int i = 0; i < rest.Length; i += Stride)
        {
            ids.Add(rest[i].TrialId);
        }

        return ids;
    }
}
