namespace Sweep.Storage;

/// <summary>A stored trial document that this version cannot read as a trial: its id and why.</summary>
public sealed record UnreadableTrial(string TrialId, string Problem);
