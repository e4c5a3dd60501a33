namespace Sweep.Protocol.Messages.Commands;

/// <summary>
/// A worker asks for up to <paramref name="FreeSlots"/> trials (work pulling). The coordinator never gives a worker
/// more than its registered slots minus the trials it already holds, so repeating the request is harmless.
/// </summary>
public sealed record RequestWork(int FreeSlots) : ISweepMessage;
