using Sweep.Config.Parsing;
using Sweep.Training.Data;
using Sweep.Training.Training;

namespace Sweep.Config;

/// <summary>
/// A checked sweep file: its identity, its data and the trials its grid expands to. Immutable; build it with
/// <see cref="SweepFile.Load"/> or <see cref="SweepFile.Parse"/>, which have already checked every setting and loaded
/// the data once, and keep it (<see cref="LoadData"/>).
/// </summary>
public sealed class SweepDefinition
{
    private readonly DatasetSplit _data;
    private readonly IReadOnlyList<TrialPlan> _trials;

    internal SweepDefinition(
        string name,
        string? description,
        string sourcePath,
        string fileHash,
        string settingsHash,
        DatasetSettings dataset,
        LoadedData data,
        DatasetSummary summary,
        SweepMetric metric,
        IReadOnlyList<string> axes,
        IReadOnlyList<TrialPlan> trials,
        long largestTrialMemoryBytes,
        long dataMemoryBytes)
    {
        LargestTrialMemoryBytes = largestTrialMemoryBytes;
        DataMemoryBytes = dataMemoryBytes;
        Name = name;
        Description = description;
        SourcePath = sourcePath;
        FileHash = fileHash;
        SettingsHash = settingsHash;
        Dataset = dataset;
        _data = data.Split;
        DatasetKey = data.Key;
        Data = summary;
        Metric = metric;
        Axes = axes;
        _trials = trials;
    }

    /// <summary>The sweep's identity in the store (<c>name</c>): letters, digits, '.', '_' and '-'.</summary>
    public string Name { get; }

    /// <summary>The optional free text of <c>description</c>.</summary>
    public string? Description { get; }

    /// <summary>The sweep file as the caller named it.</summary>
    public string SourcePath { get; }

    /// <summary>
    /// SHA-256 (64 lower-case hex characters) of the file's bytes (of the text's UTF-8 bytes for
    /// <see cref="SweepFile.Parse"/>): a store refuses a changed file under the same <see cref="Name"/>.
    /// </summary>
    public string FileHash { get; }

    /// <summary>
    /// SHA-256 (64 lower-case hex characters) of what the file means: its name, metric and every trial's settings.
    /// Comments, formatting and key order do not change it, so a store resumes a sweep whose file was only reformatted.
    /// </summary>
    public string SettingsHash { get; }

    /// <summary>Where the data comes from.</summary>
    public DatasetSettings Dataset { get; }

    /// <summary>
    /// SHA-256 (64 lower-case hex characters) of the data settings (label, split, generator settings) and the bytes
    /// of the data files, not their paths, as they were when the file was checked: workers can cache the loaded data
    /// under it.
    /// </summary>
    public string DatasetKey { get; }

    /// <summary>The data's shape, as found when the file was checked.</summary>
    public DatasetSummary Data { get; }

    /// <summary>
    /// The estimated peak memory of the sweep's most demanding trial (<see cref="TrialMemory"/>): its parameters,
    /// gradients, optimizer state, activations for its batches, gradient check and data. The file was refused if it
    /// is more than this machine gives .NET; each trial running at once needs its own.
    /// </summary>
    public long LargestTrialMemoryBytes { get; }

    /// <summary>The training and test data in memory: 8 bytes per feature value and 4 per label.</summary>
    public long DataMemoryBytes { get; }

    /// <summary>What <c>best</c> ranks by.</summary>
    public SweepMetric Metric { get; }

    /// <summary>The settings searched over, in the order of their first appearance under <c>search</c>.</summary>
    public IReadOnlyList<string> Axes { get; }

    /// <summary>
    /// Every trial of the grid (or grids), in file order: the first axis outermost, the last one varying fastest, the
    /// grids of a <c>search</c> list one after another. Points that resolve to the same settings (the same id) appear
    /// once, at their first place.
    /// </summary>
    public IReadOnlyList<TrialPlan> ExpandTrials() => _trials;

    /// <summary>
    /// The data as read (or generated) and split when the file was checked: nothing is read again, so a data file that
    /// is a pipe or FIFO works, and the data is the data <see cref="DatasetKey"/> and <see cref="Data"/> describe even
    /// if the file has changed since. Safe to call any number of times: it never throws, and every call returns the
    /// same instance, whose arrays are shared, so callers must not change them (trials copy what they normalize).
    /// </summary>
    public DatasetSplit LoadData() => _data;
}
