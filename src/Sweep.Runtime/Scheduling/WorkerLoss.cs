using Sweep.Storage;
using Sweep.Domain;

namespace Sweep.Runtime.Scheduling;

/// <summary>
/// What losing a worker changed: the trials it held (requeued, or out of attempts and in <paramref name="Failures"/>,
/// to store), and the trials the remaining workers were handed to fill their free slots.
/// </summary>
public sealed record WorkerLoss<TWorker>(
    string Node,
    IReadOnlyList<string> Lost,
    IReadOnlyList<TrialResult> Failures,
    IReadOnlyDictionary<TWorker, IReadOnlyList<Assignment>> Assignments)
    where TWorker : notnull;
