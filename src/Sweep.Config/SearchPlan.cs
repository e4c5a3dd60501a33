using Sweep.Config.Parsing;
using Sweep.Search;
using Sweep.Search.Strategies;

namespace Sweep.Config;

/// <summary>One searched setting and how it is searched, for people: <c>learning_rate</c>, <c>log_uniform [0.0001, 1]</c>.</summary>
public sealed record SearchedSetting(string Name, string Distribution);

/// <summary>
/// How a sweep's trials come about: a strategy proposes configurations of the searched settings (every point of a
/// grid, or draws from ranges and choices), and each configuration runs as <see cref="Repeats"/> trials with seeds
/// <c>training.seed</c>, +1, ... Immutable; every call to <see cref="CreateStrategy"/> starts a search afresh, and the
/// same told outcomes give the same configurations.
/// </summary>
public sealed class SearchPlan
{
    private readonly IReadOnlyList<SearchDimension> _dimensions;
    private readonly IReadOnlyList<double[]>? _gridPoints;
    private readonly IReadOnlyDictionary<string, SettingValue> _baseline;
    private readonly TrialFactory _factory;

    internal SearchPlan(
        SearchStrategySettings strategy,
        int repeats,
        IReadOnlyList<SearchDimension> dimensions,
        IReadOnlyList<double[]>? gridPoints,
        IReadOnlyDictionary<string, SettingValue> baseline,
        TrialFactory factory)
    {
        Strategy = strategy;
        Repeats = repeats;
        _dimensions = dimensions;
        _gridPoints = gridPoints;
        _baseline = baseline;
        _factory = factory;
        Space = dimensions.Count == 0 ? null : new SearchSpace(dimensions.Select(d => d.ToParameter()));
        SearchedSettings = [.. dimensions.Select(d => new SearchedSetting(d.Setting.Name, d.Describe()))];
    }

    public SearchStrategySettings Strategy { get; }

    /// <summary>How many trials, with consecutive seeds, each configuration runs as (<c>repeats</c>, default 1).</summary>
    public int Repeats { get; }

    /// <summary>How many configurations the strategy proposes: the grid's distinct points, or <c>samples</c>.</summary>
    public int Configurations => _gridPoints?.Count ?? Strategy.Samples;

    /// <summary>Configurations times repeats; fewer trials run when two configurations come out the same.</summary>
    public long PlannedTrials => (long)Configurations * Repeats;

    /// <summary>The searched settings in file order, each with its distribution.</summary>
    public IReadOnlyList<SearchedSetting> SearchedSettings { get; }

    /// <summary>The space the strategy searches: one parameter per searched setting, in file order; null when nothing is searched.</summary>
    public SearchSpace? Space { get; }

    /// <summary>The fewest and the most training iterations a trial of the search can have.</summary>
    public (int Min, int Max) Iterations
    {
        get
        {
            SearchDimension? searched = _dimensions.FirstOrDefault(d => d.Setting.Name == "iterations");
            int fixedValue = (int)_baseline["iterations"].Value!;
            return searched switch
            {
                null => (fixedValue, fixedValue),
                { Distribution: Search.Distributions.IntDistribution range } => (range.Low, range.High),
                _ => (searched.Choices.Min(c => (int)c.Value!), searched.Choices.Max(c => (int)c.Value!)),
            };
        }
    }

    /// <summary>A fresh strategy: nothing told yet.</summary>
    public ISearchStrategy CreateStrategy() => Strategy.Name switch
    {
        SearchStrategySettings.Grid => new GridStrategy(_gridPoints!),
        SearchStrategySettings.Random => new RandomStrategy(Space!, Strategy.Samples, Strategy.Seed),
        _ => new TpeStrategy(Space!, new TpeOptions
        {
            Samples = Strategy.Samples,
            Seed = Strategy.Seed,
            Parallel = Strategy.Parallel,
            Multivariate = Strategy.Multivariate,
        }),
    };

    /// <summary>
    /// The trial whose every setting has the canonical text <paramref name="settings"/> gives (a stored trial's
    /// <c>Settings</c>), each read back with the setting's own reader: <c>[16,8]</c> is hidden sizes, a double's
    /// round-trip text is that double. The sweep's identity (name, data, gradient check) is this plan's, so the
    /// rebuilt trial's id equals the stored id exactly when both are the same trial of the same sweep: compare them.
    /// A trial of any strategy is rebuilt this way, without replaying the search. Throws <see cref="FormatException"/>
    /// when a setting is missing or its text is not a value the setting allows.
    /// </summary>
    public TrialPlan TrialFromSettings(IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var values = new Dictionary<string, SettingValue>(StringComparer.Ordinal);
        foreach (Setting setting in SettingCatalog.All)
        {
            values[setting.Name] = settings.TryGetValue(setting.Name, out string? canonical)
                ? SettingCatalog.FromCanonical(setting, canonical)
                : throw new FormatException($"the settings have no '{setting.Name}'");
        }

        return _factory.Create(values);
    }

    /// <summary>The configuration's trials: one per repeat, with seeds <c>training.seed</c>, +1, ... in that order.</summary>
    public IReadOnlyList<TrialPlan> TrialsOf(Configuration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var values = new Dictionary<string, SettingValue>(_baseline, StringComparer.Ordinal);
        for (int d = 0; d < _dimensions.Count; d++)
        {
            values[_dimensions[d].Setting.Name] = _dimensions[d].ValueOf(configuration.Values[d]);
        }

        int seed = (int)values[TrialFactory.Seed].Value!;
        var trials = new TrialPlan[Repeats];
        for (int r = 0; r < Repeats; r++)
        {
            values[TrialFactory.Seed] = SettingValue.Of(seed + r);
            trials[r] = _factory.Create(values);
        }

        return trials;
    }
}
