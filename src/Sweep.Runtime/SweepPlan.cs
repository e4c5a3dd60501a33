using Sweep.Protocol.Messages.Commands;
using Sweep.Runtime.Scheduling;
using Sweep.Training.Data;

namespace Sweep.Runtime;

/// <summary>What the coordinator runs: the sweep's identity, where its trials come from, the data they share, and how to rank them.</summary>
public sealed record SweepPlan(
    string Name,
    string FileHash,
    string DatasetKey,
    DatasetSplit Data,
    TrialSource Trials,
    string Metric,
    bool HigherIsBetter)
{
    /// <summary>How many times a trial may be started before one that keeps killing its worker is stored as failed.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>
    /// How long an assignment may be on its way before a worker that does not report the trial is taken to have lost
    /// it. An assignment can queue behind a large data set on a slow link, and a requeue counts as an attempt, so the
    /// margin is wide: a trial lost inside a live worker is rare, and this only delays its requeue.
    /// </summary>
    public TimeSpan AssignmentGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How much training a worker may hold beyond its slots: of its prefetch (trials to start as soon as a slot frees)
    /// it is handed as many as train in this long at the pace of the last trial it delivered, so none once trials take
    /// this long. A short trial's worker otherwise waits a round trip to the coordinator for every trial; a long
    /// trial's worker would gain nothing from a trial held back, and trials held behind a long one at the end of a
    /// sweep could leave another worker idle.
    /// </summary>
    public TimeSpan PrefetchBelow { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The message that hands <paramref name="trial"/> to a worker for its <paramref name="attempt"/>-th start.</summary>
    public AssignTrial Assign(Config.TrialPlan trial, int attempt)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return new AssignTrial(trial.TrialId, trial.ConfigurationId, Name, FileHash, DatasetKey, attempt, trial.Parameters, trial.Settings, trial.Definition);
    }
}
