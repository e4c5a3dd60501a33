namespace Sweep.Protocol.Messages.Commands;

/// <summary>
/// A worker announces itself, how many trials it can run at once, and the trials it holds (training or waiting for
/// their data). The coordinator watches it from then on and reconciles its own view with <see cref="Trials"/>: a trial
/// it handed out that the worker no longer holds goes back to the queue.
/// </summary>
public sealed record RegisterWorker(string Node, int Slots, IReadOnlyList<string> Trials) : ISweepMessage
{
    public bool Equals(RegisterWorker? other) =>
        other is not null && Node == other.Node && Slots == other.Slots && Trials.SequenceEqual(other.Trials, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Node, Slots, Trials.Count);
}
