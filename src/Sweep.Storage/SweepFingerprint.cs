namespace Sweep.Storage;

/// <summary>
/// What makes a sweep the same sweep when it is started again: what its file means (<paramref name="SettingsHash"/>:
/// its name, metric and every trial's settings, so comments and formatting may change), and the data it trains on
/// (<paramref name="DataHash"/>, over the data files' bytes and the split settings). <paramref name="FileHash"/>, of
/// the file's bytes, is what stores written before the settings hash existed compare. <paramref name="DataSource"/>
/// says in words where the data comes from, for the message that refuses changed data.
/// </summary>
public sealed record SweepFingerprint(string SettingsHash, string FileHash, string DataHash, string DataSource)
{
    /// <summary>
    /// The sweep file itself, kept with the registration so that a stored trial can be trained again from the store
    /// alone (<c>sweep rerun</c>); null registers none.
    /// </summary>
    public StoredSweepFile? File { get; init; }
}
