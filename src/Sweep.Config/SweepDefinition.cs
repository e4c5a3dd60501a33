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
    private readonly Lazy<IReadOnlyList<TrialPlan>>? _trials;

    internal SweepDefinition(
        string name,
        string? description,
        string sourcePath,
        string text,
        string fileHash,
        string settingsHash,
        DatasetSettings dataset,
        LoadedData data,
        DatasetSummary summary,
        SweepMetric metric,
        IReadOnlyList<string> axes,
        SearchPlan search,
        IReadOnlyList<TrialPlan>? gridTrials,
        long largestTrialMemoryBytes,
        long dataMemoryBytes)
    {
        LargestTrialMemoryBytes = largestTrialMemoryBytes;
        DataMemoryBytes = dataMemoryBytes;
        Name = name;
        Description = description;
        SourcePath = sourcePath;
        Text = text;
        FileHash = fileHash;
        SettingsHash = settingsHash;
        Dataset = dataset;
        _data = data.Split;
        DatasetKey = data.Key;
        Data = summary;
        Metric = metric;
        Axes = axes;
        Search = search;
        _trials = search.Strategy.IsAdaptive ? null : new Lazy<IReadOnlyList<TrialPlan>>(() => gridTrials ?? Sample(search));
    }

    /// <summary>The sweep's identity in the store (<c>name</c>): letters, digits, '.', '_' and '-'.</summary>
    public string Name { get; }

    /// <summary>The optional free text of <c>description</c>.</summary>
    public string? Description { get; }

    /// <summary>The sweep file as the caller named it.</summary>
    public string SourcePath { get; }

    /// <summary>
    /// The sweep file's text as read (a byte order mark removed): a store keeps it, so that a stored trial can be
    /// rebuilt (<see cref="SweepFile.Parse"/> of it, then <see cref="SearchPlan.TrialFromSettings"/>) and trained again.
    /// </summary>
    public string Text { get; }

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

    /// <summary>How the trials come about: the strategy, the searched settings and the repeats.</summary>
    public SearchPlan Search { get; }

    /// <summary>
    /// Every trial of a search whose trials do not depend on results, configuration by configuration with its repeats
    /// inside. A grid's points come in file order: the first axis outermost, the last one varying fastest, the grids
    /// of a <c>search</c> list one after another; points that resolve to the same settings (the same id) appear once,
    /// at their first place. Random search's configurations come in the order drawn, a repeated draw once. TPE's
    /// trials depend on the results, so for TPE this throws <see cref="InvalidOperationException"/>: ask
    /// <see cref="SearchPlan.CreateStrategy"/> instead.
    /// </summary>
    public IReadOnlyList<TrialPlan> ExpandTrials() =>
        _trials?.Value ?? throw new InvalidOperationException("TPE's trials depend on the results of earlier ones: they cannot be listed before the sweep runs");

    private static IReadOnlyList<TrialPlan> Sample(SearchPlan search)
    {
        var strategy = search.CreateStrategy();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        return [.. Enumerable.Range(0, strategy.Count).SelectMany(i => search.TrialsOf(strategy.Ask(i))).Where(t => ids.Add(t.TrialId))];
    }

    /// <summary>
    /// The data as read (or generated) and split when the file was checked: nothing is read again, so a data file that
    /// is a pipe or FIFO works, and the data is the data <see cref="DatasetKey"/> and <see cref="Data"/> describe even
    /// if the file has changed since. Safe to call any number of times: it never throws, and every call returns the
    /// same instance, whose arrays are shared, so callers must not change them (trials copy what they normalize).
    /// </summary>
    public DatasetSplit LoadData() => _data;
}
