using Sweep.Domain;

namespace Sweep.Search.Ranking;

/// <summary>
/// How one configuration stands: its trials (one per seed), and over those that completed the mean, sample standard
/// deviation and worst value of the sweep's metric.
/// </summary>
/// <param name="ConfigurationId">The configuration's id (a trial stored without one is a configuration of its own).</param>
/// <param name="Trials">Its stored trials, by seed then id.</param>
/// <param name="Mean">The mean metric over the completed trials; NaN when none completed.</param>
/// <param name="StandardDeviation">The sample standard deviation over the completed trials; null with fewer than two.</param>
/// <param name="Worst">The worst metric among the completed trials; NaN when none completed.</param>
/// <param name="SeedsCompleted">How many of its trials completed with a finite metric.</param>
public sealed record ConfigurationStanding(
    string ConfigurationId,
    IReadOnlyList<TrialResult> Trials,
    double Mean,
    double? StandardDeviation,
    double Worst,
    int SeedsCompleted)
{
    /// <summary>Every stored trial of the configuration completed: none failed, diverged or failed its gradient check.</summary>
    public bool AllCompleted => SeedsCompleted == Trials.Count;
}
