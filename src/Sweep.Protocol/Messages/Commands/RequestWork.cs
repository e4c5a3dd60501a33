namespace Sweep.Protocol.Messages.Commands;

/// <summary>
/// A worker asks for up to <paramref name="FreeSlots"/> trials (work pulling): when it joins, when a trial ended
/// without a result, and as a safety net every second while it could take more. The coordinator never gives a worker
/// more than its registered slots (and prefetch) minus the trials it already holds, so repeating the request is
/// harmless. A delivered result needs no request: the coordinator answers it with the worker's next trials.
/// </summary>
public sealed record RequestWork(int FreeSlots) : ISweepMessage;
