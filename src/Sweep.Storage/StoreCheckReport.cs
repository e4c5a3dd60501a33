namespace Sweep.Storage;

/// <summary>
/// What <see cref="TrialStore.Check"/> found: how many documents of each collection were read whole, which trial
/// documents could not be read as trials, the problems that stopped a collection from being read to its end or make
/// a query answer what is not stored, and the damage in what the store derives from its trials
/// (<see cref="Rebuildable"/>).
/// </summary>
public sealed record StoreCheckReport(
    string FilePath,
    int Sweeps,
    int Trials,
    int Models,
    IReadOnlyList<UnreadableTrial> UnreadableTrials,
    IReadOnlyList<string> Problems)
{
    /// <summary>
    /// Summary pages that cannot be read: queries do not read them and read the trials instead, and the next open to
    /// write builds them again from the trials (when every trial can be read), so a run need not refuse the store.
    /// </summary>
    public IReadOnlyList<string> Rebuildable { get; init; } = [];

    /// <summary>Every document was read, every trial document is a trial, and nothing derived from them is damaged.</summary>
    public bool IsIntact => UnreadableTrials.Count == 0 && Problems.Count == 0 && Rebuildable.Count == 0;
}
