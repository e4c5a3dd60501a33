namespace Sweep.Search.Strategies;

/// <summary>
/// Proposes the configurations of a search and learns from their outcomes. The runtime asks indices 0, 1, 2, ... in
/// order (an index may be asked again, e.g. after a restart that replays stored outcomes with <see cref="Tell"/>),
/// and tells outcomes in any order. A proposal depends only on the index and the outcomes it is allowed to see, so a
/// search is reproducible however its trials interleave.
/// </summary>
public interface ISearchStrategy
{
    /// <summary>How many configurations the search proposes in all.</summary>
    int Count { get; }

    /// <summary>Whether configuration <paramref name="index"/> can be proposed with what has been told so far.</summary>
    bool CanAsk(int index);

    /// <summary>Configuration <paramref name="index"/>; the same every time it is asked.</summary>
    Configuration Ask(int index);

    /// <summary>
    /// The outcome of configuration <paramref name="index"/>: a loss to minimize, or null when the trial failed or
    /// diverged, which counts as bad. Telling the same outcome again is ignored; a strategy that learns refuses a
    /// different outcome for an index already told.
    /// </summary>
    void Tell(int index, double? loss);
}
