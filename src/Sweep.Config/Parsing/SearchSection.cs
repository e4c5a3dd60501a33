using System.Globalization;
using Sweep.Search;
using Sweep.Search.Distributions;
using Sweep.Training.Training;
using YamlDotNet.RepresentationModel;

namespace Sweep.Config.Parsing;

/// <summary>
/// What a sweep searches and how: <c>strategy</c>, <c>search</c> (one grid, a list of grids, or for random and TPE
/// a space of choices and ranges) and <c>repeats</c>, read and checked where they are written, and turned into the
/// <see cref="SearchPlan"/> that proposes the trials.
/// </summary>
internal sealed class SearchSection
{
    public const string Key = "search";

    /// <summary>A grid larger than this is almost certainly a mistake (and would take days); it is refused.</summary>
    public const long MaxTrials = 100_000;

    /// <summary>More seeds than this per configuration is a benchmark of the seed, not a search.</summary>
    public const int MaxRepeats = 100;

    public const string RepeatsKey = "repeats";

    private static readonly string[] RangeKeys = ["uniform", "log_uniform", "int", "log"];

    private readonly ErrorList _errors;
    private readonly IReadOnlyDictionary<string, (SettingValue Value, NodeLocation At)> _fixed;
    private readonly Func<string, string?> _notSearchable;
    private readonly List<SearchGrid> _grids = [];
    private readonly List<SearchDimension> _dimensions = [];

    private SearchSection(ErrorList errors, IReadOnlyDictionary<string, (SettingValue Value, NodeLocation At)> fixedValues, Func<string, string?> notSearchable)
    {
        _errors = errors;
        _fixed = fixedValues;
        _notSearchable = notSearchable;
    }

    public SearchStrategySettings Strategy { get; private set; } = null!;

    /// <summary>How many trials each configuration runs as, with consecutive seeds.</summary>
    public int Repeats { get; private set; } = 1;

    /// <summary>The grids of a grid search; for random and TPE, one grid of the choices, so that checks of hidden sizes and outputs see them.</summary>
    public IReadOnlyList<SearchGrid> Grids => _grids;

    /// <summary>The searched settings in the order of their first appearance under <c>search</c>.</summary>
    public IReadOnlyList<string> Axes => Strategy.Name == SearchStrategySettings.Grid
        ? [.. _grids.SelectMany(g => g.Axes).Select(a => a.Setting.Name).Distinct()]
        : [.. _dimensions.Select(d => d.Setting.Name)];

    /// <summary>Reads <c>strategy</c>, <c>search</c> and <c>repeats</c>; problems go to <paramref name="errors"/>.</summary>
    public static SearchSection Read(
        MappingReader root, ErrorList errors, IReadOnlyDictionary<string, (SettingValue Value, NodeLocation At)> fixedValues, Func<string, string?> notSearchable)
    {
        var section = new SearchSection(errors, fixedValues, notSearchable) { Strategy = StrategySection.Read(root, errors) };
        section.ReadSearch(root);
        section.Repeats = section.ReadRepeats(root);
        section.CheckSize(root);
        return section;
    }

    /// <summary>
    /// The plan, and for a grid every trial (configuration by configuration with its repeats inside), which a grid
    /// knows before it runs.
    /// </summary>
    public (SearchPlan Search, IReadOnlyList<TrialPlan>? GridTrials) Plan(TrialFactory factory, Dictionary<string, SettingValue> baseline) =>
        Strategy.Name == SearchStrategySettings.Grid
            ? GridPlan(factory, baseline)
            : (new SearchPlan(Strategy, Repeats, _dimensions, null, baseline, factory), null);

    private void CheckSize(MappingReader root)
    {
        long size = _grids.Sum(g => Math.Min(g.Size, MaxTrials + 1));
        if (Strategy.Name == SearchStrategySettings.Grid && size * Repeats > MaxTrials && root.TryGet(Key, out YamlNode searchNode))
        {
            _errors.Add(searchNode, Key, $"the search has more than {MaxTrials} trials; narrow it (every axis multiplies the count, and so do repeats)");
        }
        else if (Strategy.Name != SearchStrategySettings.Grid && (long)Strategy.Samples * Repeats > MaxTrials && root.TryGet(StrategySection.Key, out YamlNode strategyNode))
        {
            _errors.Add(strategyNode, StrategySection.Key, $"samples x repeats is more than {MaxTrials} trials; lower one of them");
        }
    }

    /// <summary>
    /// <c>search</c> is one grid (a mapping of axes) or a list of grids whose points are all run (scikit-learn's
    /// <c>param_grid</c> as a list of dicts). No search is one grid of no axes: one trial.
    /// </summary>
    private void ReadSearch(MappingReader root)
    {
        if (!root.TryGet(Key, out YamlNode node) || Scalars.IsNull(node))
        {
            if (Strategy.Name != SearchStrategySettings.Grid)
            {
                _errors.Add(root.KeyNode(StrategySection.Key), StrategySection.Key,
                    $"{Strategy.Name} searches the settings under 'search', but there is none; add one, such as search: {{ learning_rate: {{ log_uniform: [0.0001, 1] }} }}");
            }

            _grids.Add(new SearchGrid([], null));
            return;
        }

        if (Strategy.Name != SearchStrategySettings.Grid)
        {
            ReadSpace(node);
            return;
        }

        if (node is YamlSequenceNode list)
        {
            if (list.Children.Count == 0)
            {
                _errors.Add(node, Key, "an empty list of grids has no trials; give at least one grid, such as - { seed: [1, 2] }, or remove search");
                return;
            }

            for (int g = 0; g < list.Children.Count; g++)
            {
                ReadGrid(list.Children[g], string.Create(CultureInfo.InvariantCulture, $"{Key}[{g}]"));
            }

            return;
        }

        ReadGrid(node, Key);
    }

    /// <summary>
    /// The settings a mapping under <c>search</c> searches, each with its node, path and where its key is; a setting
    /// also given a fixed value is an error. Empty after an error when the node is not a mapping.
    /// </summary>
    private List<(Setting Setting, string Key, YamlNode Values, string Path, NodeLocation KeyAt)> SearchedSettings(YamlNode node, string path)
    {
        string[] searchable = [.. SettingCatalog.All.Select(s => s.Name)];
        if (MappingReader.Open(node, path, searchable, _errors, _notSearchable) is not { } map)
        {
            return [];
        }

        var searched = new List<(Setting, string, YamlNode, string, NodeLocation)>();
        foreach (string key in map.Keys)
        {
            map.TryGet(key, out YamlNode valuesNode);
            string keyPath = map.PathOf(key);
            if (_fixed.TryGetValue(key, out var fixedValue))
            {
                _errors.Add(map.KeyNode(key), keyPath, string.Create(CultureInfo.InvariantCulture,
                    $"'{key}' is also given a fixed value ({fixedValue.At.KeyPath}, line {fixedValue.At.Line}); a setting is either fixed or searched: remove one"));
            }

            searched.Add((SettingCatalog.ByName[key], key, valuesNode, keyPath, NodeLocation.Of(map.KeyNode(key), keyPath)));
        }

        return searched;
    }

    private void ReadGrid(YamlNode node, string path)
    {
        var axes = new List<SearchAxis>();
        foreach (var (setting, key, valuesNode, axisPath, keyAt) in SearchedSettings(node, path))
        {

            if (valuesNode is YamlMappingNode range && range.Children.Keys.OfType<YamlScalarNode>().Any(k => RangeKeys.Contains(k.Value)))
            {
                _errors.Add(valuesNode, axisPath,
                    $"a range cannot be a grid axis, which needs its values listed: use strategy: {{ name: random, samples: 40 }} (or tpe) to sample it, or list the values to try, such as {key}: [a, b, c]");
                continue;
            }

            if (valuesNode is not YamlSequenceNode values)
            {
                string example = key == SettingCatalog.Hidden ? "[[10, 5], [20]]" : "[a, b, c]";
                _errors.Add(valuesNode, axisPath,
                    $"expected a list of values to try, such as {key}: {example}, but found {Scalars.Describe(valuesNode)}; a single fixed value goes under {setting.Section}");
                continue;
            }

            if (ReadChoices(setting, key, keyAt, values, axisPath) is { } axis)
            {
                axes.Add(axis);
            }
        }

        _grids.Add(new SearchGrid(axes, NodeLocation.Of(node, path)));
    }

    /// <summary>A list of values to try: a grid's axis, or a sampled search's choice. Null after adding errors.</summary>
    private SearchAxis? ReadChoices(Setting setting, string key, NodeLocation keyAt, YamlSequenceNode values, string axisPath)
    {
        if (values.Children.Count == 0)
        {
            _errors.Add(values, axisPath, $"the axis is empty: list at least one value to try, or remove '{key}'");
            return null;
        }

        var read = new List<SettingValue>();
        var readAt = new List<NodeLocation>();
        for (int i = 0; i < values.Children.Count; i++)
        {
            YamlNode item = values.Children[i];
            string itemPath = string.Create(CultureInfo.InvariantCulture, $"{axisPath}[{i}]");
            if (key == SettingCatalog.Hidden && item is YamlScalarNode)
            {
                _errors.Add(item, itemPath,
                    $"expected a list of hidden layer sizes, but found {Scalars.Describe(item)}; search.hidden lists alternatives, so one network [10, 5] is written hidden: [[10, 5]]");
                continue;
            }

            if (setting.Read(item, itemPath, _errors) is { } value)
            {
                read.Add(value);
                readAt.Add(NodeLocation.Of(item, itemPath));
            }
        }

        return read.Count == values.Children.Count ? new SearchAxis(setting, keyAt, read, readAt) : null;
    }

    /// <summary>
    /// A sampled search's space: each key a list of choices or a range (<c>uniform</c>, <c>log_uniform</c>,
    /// <c>int</c> with an optional <c>log: true</c>), in file order. The choices also form one grid, so that the checks
    /// of hidden sizes and outputs see them.
    /// </summary>
    private void ReadSpace(YamlNode node)
    {
        if (node is YamlSequenceNode)
        {
            _errors.Add(node, Key,
                $"a list of grids only makes sense for strategy grid; {Strategy.Name} searches one space: write search as a mapping of settings to choices and ranges");
            return;
        }

        var choiceAxes = new List<SearchAxis>();
        foreach (var (setting, key, valuesNode, path, keyAt) in SearchedSettings(node, Key))
        {

            if (valuesNode is YamlSequenceNode values)
            {
                if (ReadChoices(setting, key, keyAt, values, path) is { } axis)
                {
                    choiceAxes.Add(axis);
                    _dimensions.Add(SearchDimension.Choice(axis));
                }
            }
            else if (valuesNode is YamlMappingNode)
            {
                if (ReadRange(setting, valuesNode, path, keyAt) is { } dimension)
                {
                    _dimensions.Add(dimension);
                }
            }
            else
            {
                _errors.Add(valuesNode, path, $"expected a list of choices such as [a, b] or a range such as {RangeExample(setting)}, but found {Scalars.Describe(valuesNode)}; a single fixed value goes under {setting.Section}");
            }
        }

        _grids.Add(new SearchGrid(choiceAxes, NodeLocation.Of(node, Key)));
    }

    private static string RangeExample(Setting setting) => setting.Kind switch
    {
        SettingKind.Integer => "{ int: [100, 1000] }",
        _ => "{ uniform: [0, 1] } or { log_uniform: [0.0001, 1] }",
    };

    /// <summary>
    /// <c>{ uniform: [low, high] }</c>, <c>{ log_uniform: [low, high] }</c> or <c>{ int: [low, high], log: true }</c>.
    /// Each end is read and checked as a value of the setting, so a range can only draw values the setting allows.
    /// </summary>
    private SearchDimension? ReadRange(Setting setting, YamlNode node, string path, NodeLocation keyAt)
    {
        if (MappingReader.Open(node, path, RangeKeys, _errors, _ => null) is not { } map)
        {
            return null;
        }

        string[] kinds = [.. map.Keys.Where(k => k != "log")];
        if (kinds.Length != 1)
        {
            _errors.Add(node, path, $"a range has exactly one of uniform, log_uniform or int, such as {setting.Name}: {RangeExample(setting)}");
            return null;
        }

        string kind = kinds[0];
        if (setting.Kind == SettingKind.Choice)
        {
            _errors.Add(map.KeyNode(kind), path, $"'{setting.Name}' has no range: list its choices, such as {setting.Name}: [a, b]");
            return null;
        }

        if (setting.Kind == SettingKind.Integer && kind != "int")
        {
            _errors.Add(map.KeyNode(kind), path, $"'{setting.Name}' is a whole number: use {setting.Name}: {{ int: [low, high] }} (with log: true for a log scale)");
            return null;
        }

        if (setting.Kind == SettingKind.Real && kind == "int")
        {
            _errors.Add(map.KeyNode(kind), path, $"'{setting.Name}' is a real number: use uniform or log_uniform");
            return null;
        }

        bool log = kind == "log_uniform";
        if (map.TryGet("log", out YamlNode logNode))
        {
            if (kind != "int")
            {
                _errors.Add(map.KeyNode("log"), map.PathOf("log"), "'log' goes with int; for real numbers write log_uniform");
                return null;
            }

            if (!Scalars.TryBool(logNode, map.PathOf("log"), _errors, out log))
            {
                return null;
            }
        }

        map.TryGet(kind, out YamlNode endsNode);
        string endsPath = map.PathOf(kind);
        if (endsNode is not YamlSequenceNode { Children.Count: 2 } ends)
        {
            _errors.Add(endsNode, endsPath, $"expected [low, high], but found {Scalars.Describe(endsNode)}");
            return null;
        }

        SettingValue? low = setting.Read(ends.Children[0], endsPath + "[0]", _errors);
        SettingValue? high = setting.Read(ends.Children[1], endsPath + "[1]", _errors);
        if (low is null || high is null)
        {
            return null;
        }

        double lowValue = Convert.ToDouble(low.Value, CultureInfo.InvariantCulture);
        double highValue = Convert.ToDouble(high.Value, CultureInfo.InvariantCulture);
        if (!(lowValue < highValue))
        {
            _errors.Add(endsNode, endsPath, $"the low end {low.Canonical} must be below the high end {high.Canonical}; a single value goes under {setting.Section}");
            return null;
        }

        if (log && lowValue <= 0)
        {
            _errors.Add(ends.Children[0], endsPath + "[0]", $"a log scale needs a positive low end, but found {low.Canonical}; start at a small positive value such as {(kind == "int" ? "1" : "1e-6")}");
            return null;
        }

        IParameterDistribution distribution = kind switch
        {
            "int" => new IntDistribution((int)low.Value!, (int)high.Value!, log),
            "log_uniform" => new LogUniformDistribution(lowValue, highValue),
            _ => new UniformDistribution(lowValue, highValue),
        };
        return new SearchDimension(setting, distribution, [], keyAt);
    }

    /// <summary><c>repeats: K</c> trains every configuration with K seeds: training.seed, +1, ...</summary>
    private int ReadRepeats(MappingReader root)
    {
        if (!root.TryGet(RepeatsKey, out YamlNode node) || !Scalars.TryInt(node, RepeatsKey, _errors, out int repeats))
        {
            return 1;
        }

        if (repeats is < 1 or > MaxRepeats)
        {
            _errors.Add(node, RepeatsKey, string.Create(CultureInfo.InvariantCulture, $"{repeats} is not allowed: repeats is how many seeds train each configuration, from 1 to {MaxRepeats}"));
            return 1;
        }

        if (repeats > 1 && (_grids.SelectMany(g => g.Axes).Any(a => a.Setting.Name == TrialFactory.Seed) || _dimensions.Any(d => d.Setting.Name == TrialFactory.Seed)))
        {
            _errors.Add(node, RepeatsKey, "repeats already varies training.seed (seed, seed + 1, ...); remove seed from search, or set repeats: 1");
            return 1;
        }

        if (repeats > 1 && _fixed.TryGetValue(TrialFactory.Seed, out var seed) && (int)seed.Value.Value! > int.MaxValue - repeats)
        {
            _errors.Add(seed.At, string.Create(CultureInfo.InvariantCulture, $"with repeats: {repeats} the seeds run past {int.MaxValue}; use a smaller seed"));
        }

        return repeats;
    }

    /// <summary>
    /// The grid (or grids) as a search: one choice per axis over every value any grid gives it (and its fixed or
    /// default value where a grid leaves it out), and the grid's points in file order, each once: a point that
    /// resolves to the settings of an earlier one is dropped. Also returns every trial, configuration by
    /// configuration with its repeats inside.
    /// </summary>
    private (SearchPlan Search, IReadOnlyList<TrialPlan> Trials) GridPlan(TrialFactory factory, Dictionary<string, SettingValue> baseline)
    {
        var dimensions = new List<SearchDimension>();
        foreach (string axis in factory.Axes)
        {
            var axes = _grids.SelectMany(g => g.Axes).Where(a => a.Setting.Name == axis).ToList();
            var choices = axes.SelectMany(a => a.Values).DistinctBy(v => v.Canonical).ToList();
            if (_grids.Any(g => g.Axes.All(a => a.Setting.Name != axis))
                && baseline.TryGetValue(axis, out SettingValue? fixedValue) && choices.All(c => c.Canonical != fixedValue.Canonical))
            {
                choices.Add(fixedValue);
            }

            dimensions.Add(SearchDimension.Choice(new SearchAxis(axes[0].Setting, axes[0].KeyAt, choices, [])));
        }

        var points = new List<double[]>();
        var trials = new List<TrialPlan>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var search = new SearchPlan(Strategy, Repeats, dimensions, points, baseline, factory);
        foreach (SearchGrid grid in _grids)
        {
            foreach (var point in grid.Points())
            {
                // A setting a grid leaves out takes its fixed or default value; hidden, which has none, is in every grid.
                var values = dimensions.Select(d => baseline.TryGetValue(d.Setting.Name, out SettingValue? fixedValue)
                    ? d.Choices.Select(c => c.Canonical).ToList().IndexOf(fixedValue.Canonical)
                    : -1).ToArray();
                foreach (var (setting, value) in point)
                {
                    int d = dimensions.FindIndex(d => d.Setting.Name == setting.Name);
                    values[d] = dimensions[d].Choices.Select(c => c.Canonical).ToList().IndexOf(value.Canonical);
                }

                double[] configuration = [.. values.Select(v => (double)v)];
                IReadOnlyList<TrialPlan> configurationTrials = search.TrialsOf(new Configuration(points.Count, configuration));
                if (!ids.Add(configurationTrials[0].TrialId))
                {
                    continue;
                }

                foreach (TrialPlan trial in configurationTrials)
                {
                    trial.Definition.Training.Validate();
                }

                points.Add(configuration);
                trials.AddRange(configurationTrials);
            }
        }

        return (search, trials.AsReadOnly());
    }

    /// <summary>
    /// The trials a sampled search could need the most memory for: every choice and both ends of every range of the
    /// settings that size a trial's memory (layers, batch, optimizer state, dropout masks, records), the other
    /// searched settings at their first choice or low end.
    /// </summary>
    public IEnumerable<TrialDefinition> MemoryCorners(Dictionary<string, SettingValue> baseline, TrialFactory factory)
    {
        string[] sizing = [SettingCatalog.Hidden, "batch_size", "optimizer", "keep_prob", "dropout_masks", "normalize", "iterations", "record_every"];
        IEnumerable<Dictionary<string, SettingValue>> corners = [new Dictionary<string, SettingValue>(baseline, StringComparer.Ordinal)];
        foreach (SearchDimension dimension in _dimensions)
        {
            IReadOnlyList<SettingValue> candidates = dimension.Distribution switch
            {
                ChoiceDistribution => dimension.Choices,
                IntDistribution range => [SettingValue.Of(range.Low), SettingValue.Of(range.High)],
                UniformDistribution range => [SettingValue.Of(range.Low), SettingValue.Of(range.High)],
                LogUniformDistribution range => [SettingValue.Of(range.Low), SettingValue.Of(range.High)],
                _ => throw new InvalidOperationException($"no corners for {dimension.Distribution.GetType().Name}"),
            };
            IReadOnlyList<SettingValue> used = sizing.Contains(dimension.Setting.Name) ? candidates : [candidates[0]];
            string name = dimension.Setting.Name;
            corners = corners.SelectMany(c => used.Select(v => new Dictionary<string, SettingValue>(c, StringComparer.Ordinal) { [name] = v }));
        }

        return corners.Take(100_000).Select(c => factory.Create(c).Definition);
    }
}
