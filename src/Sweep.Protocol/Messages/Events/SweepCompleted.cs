namespace Sweep.Protocol.Messages.Events;

/// <summary>Every trial of the sweep has a stored outcome; workers stop asking for work.</summary>
public sealed record SweepCompleted(string Sweep) : ISweepMessage;
