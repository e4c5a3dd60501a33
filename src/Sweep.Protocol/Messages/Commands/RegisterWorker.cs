namespace Sweep.Protocol.Messages.Commands;

/// <summary>
/// A worker announces itself, how many trials it can run at once, and the trials it holds (training, or waiting for
/// their data or a slot). <paramref name="Prefetch"/> is how many trials it takes beyond its slots, to start the moment
/// a slot frees. The coordinator watches it from then on and reconciles its own view with <see cref="Trials"/>: a trial
/// it handed out that the worker no longer holds goes back to the queue.
/// </summary>
public sealed record RegisterWorker(string Node, int Slots, IReadOnlyList<string> Trials, int Prefetch = 0) : ISweepMessage
{
    public bool Equals(RegisterWorker? other) =>
        other is not null && Node == other.Node && Slots == other.Slots && Prefetch == other.Prefetch && Trials.SequenceEqual(other.Trials, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Node, Slots, Prefetch, Trials.Count);
}
