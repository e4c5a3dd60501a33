namespace Sweep.Storage;

/// <summary>
/// What <see cref="TrialStore.Check"/> found: how many documents of each collection were read whole, which trial
/// documents could not be read as trials, and the problems that stopped a collection from being read to its end.
/// </summary>
public sealed record StoreCheckReport(
    string FilePath,
    int Sweeps,
    int Trials,
    int Models,
    IReadOnlyList<UnreadableTrial> UnreadableTrials,
    IReadOnlyList<string> Problems)
{
    /// <summary>Every document was read and every trial document is a trial.</summary>
    public bool IsIntact => UnreadableTrials.Count == 0 && Problems.Count == 0;
}
