namespace Sweep.Storage;

/// <summary>
/// A sweep as registered in the store: its name, the hash of the file it was started from, how many trials the file
/// expands to, the metric it ranks by (null when none was registered), when it was first started (UTC), and how many
/// of its trials are stored.
/// </summary>
public sealed record SweepInfo(string Name, string FileHash, int TrialCount, string? Metric, DateTimeOffset CreatedAt, int StoredTrials);
