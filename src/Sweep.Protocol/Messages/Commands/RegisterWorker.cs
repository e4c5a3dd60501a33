namespace Sweep.Protocol.Messages.Commands;

/// <summary>A worker announces itself and how many trials it can run at once; the coordinator watches it from then on.</summary>
public sealed record RegisterWorker(string Node, int Slots) : ISweepMessage;
