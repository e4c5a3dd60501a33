namespace Sweep.Storage;

/// <summary>
/// A sweep as registered in the store: its name, the hash of the file it was started from, how many trials the file
/// expands to, the metric it ranks by (null when none was registered), when it was first started (UTC), and how many
/// of its trials are stored. <see cref="SettingsHash"/>, <see cref="DataHash"/> and <see cref="DataSource"/> are those
/// of its <see cref="SweepFingerprint"/>; they are null in a registration written before they existed.
/// </summary>
public sealed record SweepInfo(string Name, string FileHash, int TrialCount, string? Metric, DateTimeOffset CreatedAt, int StoredTrials)
{
    public string? SettingsHash { get; init; }

    public string? DataHash { get; init; }

    public string? DataSource { get; init; }
}
