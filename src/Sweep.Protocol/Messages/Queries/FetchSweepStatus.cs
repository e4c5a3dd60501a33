namespace Sweep.Protocol.Messages.Queries;

/// <summary>Asks the coordinator how the sweep stands (the progress view polls it).</summary>
public sealed record FetchSweepStatus : ISweepMessage
{
    public static FetchSweepStatus Instance { get; } = new();
}

/// <summary>A connected worker as the coordinator sees it.</summary>
public sealed record WorkerStatus(string Node, int Slots, int Running);

/// <summary>
/// Counts of the sweep's trials: already stored before this run started (<paramref name="Resumed"/>), finished in this
/// run by outcome, running and queued (waiting for a worker, or at a worker for a slot to free); the best configuration so far by the sweep's metric (its best trial, its mean
/// metric over <paramref name="BestSeeds"/> completed seeds); the connected workers.
/// <paramref name="Halted"/> says why the sweep cannot go on (the store refuses every write); null while it can.
/// </summary>
public sealed record FetchSweepStatusResponse(
    string Sweep,
    int Total,
    int Resumed,
    int Completed,
    int GradientCheckFailed,
    int Diverged,
    int Failed,
    int Running,
    int Queued,
    string? BestTrialId,
    double? BestMetric,
    IReadOnlyList<WorkerStatus> Workers,
    bool Finished,
    string? Halted = null,
    string? BestConfigurationId = null,
    int BestSeeds = 0) : ISweepMessage;
