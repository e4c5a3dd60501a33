namespace Sweep.Storage;

/// <summary>
/// The sweep file a sweep was registered from: its full path when registered (its relative data paths are relative to
/// that folder) and its text (at most a sweep file's 1 MiB). A registration written before files were kept has none.
/// </summary>
public sealed record StoredSweepFile(string FullPath, string Text);
