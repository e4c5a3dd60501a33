namespace Sweep.Protocol.Messages.Events;

/// <summary>The acknowledgement of <see cref="Commands.StoreTrialResult"/>: the result is durable in the store.</summary>
public sealed record TrialResultStored(string TrialId) : ISweepMessage;
