namespace Sweep.Protocol.Messages.Queries;

/// <summary>
/// Asks the coordinator to answer once every trial has a stored outcome or the sweep halts, with its status then
/// (a <see cref="FetchSweepStatusResponse"/>): <c>sweep run</c> learns of the end when it comes, not at its next poll.
/// </summary>
public sealed record AwaitSweepEnd : ISweepMessage
{
    public static AwaitSweepEnd Instance { get; } = new();
}
