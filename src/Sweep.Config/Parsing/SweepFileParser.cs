using System.Collections.ObjectModel;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sweep.Search;
using Sweep.Search.Distributions;
using Sweep.Training.Data;
using Sweep.Training.GradientChecking;
using Sweep.Training.Losses;
using Sweep.Training.Training;
using YamlDotNet.RepresentationModel;

namespace Sweep.Config.Parsing;

/// <summary>
/// Turns a sweep file's text into a <see cref="SweepDefinition"/>: reads every section, checks every value where it
/// is written, loads the data once (and keeps it) (files, label column, classes against the output layer), and expands
/// the grid. Problems are collected and thrown together as one <see cref="SweepFileException"/>.
/// </summary>
internal sealed class SweepFileParser
{
    /// <summary>A grid larger than this is almost certainly a mistake (and would take days); it is refused.</summary>
    public const long MaxTrials = 100_000;

    private const string Search = "search";
    private const string GradientCheck = "gradient_check";

    /// <summary>
    /// The gradient check's step: below 1e-10 the rounding error of J(theta + eps) - J(theta - eps), which grows like
    /// ulp(J) / eps, swamps the difference (at 1e-300 every difference is exactly 0); above 1e-2 the centered
    /// difference's truncation error, which grows like eps^2, does.
    /// </summary>
    public const double MinEpsilon = 1e-10;

    public const double MaxEpsilon = 1e-2;

    private const string EpsilonRule =
        "epsilon must be between 1e-10 and 0.01: below, rounding in J(theta + eps) - J(theta - eps) swamps the difference (it grows like 1/eps); "
        + "above, the centered difference's truncation error (like eps^2) does; the default 1e-6 balances the two";

    private const string ThresholdRule =
        "threshold must be between 0 and 1 (exclusive): the difference ||g - g_approx|| / (||g|| + ||g_approx||) is a relative error, never above 1";

    private const string Repeats = "repeats";

    /// <summary>More seeds than this per configuration is a benchmark of the seed, not a search.</summary>
    public const int MaxRepeats = 100;

    private static readonly string[] TopKeys =
        ["name", "description", "dataset", "model", "training", StrategySection.Key, Search, Repeats, GradientCheck, "metric"];
    private static readonly string[] RangeKeys = ["uniform", "log_uniform", "int", "log"];
    private static readonly string[] GradientCheckKeys = ["enabled", "epsilon", "threshold", "max_examples"];

    private readonly ErrorList _errors;
    private readonly string _baseFolder;
    private readonly Dictionary<string, (SettingValue Value, NodeLocation At)> _fixed = new(StringComparer.Ordinal);
    private readonly List<SearchGrid> _grids = [];
    private readonly List<SearchDimension> _dimensions = [];
    private SearchStrategySettings _strategy = null!;

    private readonly long _availableMemory;

    private SweepFileParser(string sourcePath, long availableMemory)
    {
        _availableMemory = availableMemory;
        _errors = new ErrorList(sourcePath);
        string full = Path.GetFullPath(sourcePath);
        _baseFolder = Path.GetDirectoryName(full) ?? full;
    }

    /// <param name="text">The sweep file's text.</param>
    /// <param name="sourcePath">Names the file in errors; relative data paths are relative to its folder.</param>
    /// <param name="fileHash">The file's hash, for the definition.</param>
    /// <param name="availableMemory">The memory a trial may need at most; by default all the memory .NET may use on
    /// this machine (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>, which honours a container's limit).</param>
    public static SweepDefinition Parse(string text, string sourcePath, string fileHash, long? availableMemory = null) =>
        new SweepFileParser(sourcePath, availableMemory ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes).Run(text, sourcePath, fileHash);

    private SweepDefinition Run(string text, string sourcePath, string fileHash)
    {
        YamlNode? rootNode = YamlLoader.LoadSingleDocument(text, _errors);
        MappingReader? root = rootNode is null ? null : MappingReader.Open(rootNode, string.Empty, TopKeys, _errors, key => BelongsElsewhere(key, null));
        if (root is null)
        {
            throw _errors.ToException();
        }

        string name = ReadName(root);
        string? description = root.TryGet("description", out YamlNode descriptionNode)
            && Scalars.TryText(descriptionNode, "description", _errors, "a line of text", out string d) ? d : null;

        DatasetLoader? dataset = null;
        if (!root.TryGet(SettingCatalog.Dataset, out YamlNode datasetNode))
        {
            _errors.Add(root.Node, null, "missing 'dataset': where the data comes from, such as dataset: { train: train.csv, test: test.csv }");
        }
        else if (MappingReader.Open(
            datasetNode, SettingCatalog.Dataset, DatasetSection.Keys, _errors, key => BelongsElsewhere(key, SettingCatalog.Dataset), root.KeyNode(SettingCatalog.Dataset)) is { } map)
        {
            dataset = DatasetSection.Read(map, _baseFolder, _errors);
            ReadFixed(map, SettingCatalog.Dataset);
        }

        foreach (string section in new[] { SettingCatalog.Model, SettingCatalog.TrainingSection })
        {
            if (root.TryGet(section, out YamlNode sectionNode)
                && MappingReader.Open(sectionNode, section, SettingCatalog.NamesIn(section), _errors, key => BelongsElsewhere(key, section)) is { } map)
            {
                ReadFixed(map, section);
            }
        }

        (GradientCheckOptions? gradientCheck, string gradientCheckText) = ReadGradientCheck(root);
        SweepMetric metric = ReadMetric(root);
        CheckValidationMetric(root, metric, dataset);
        _strategy = StrategySection.Read(root, _errors);
        ReadSearch(root);
        int repeats = ReadRepeats(root);
        CheckRequired(root);

        LoadedData? loaded = dataset?.TryLoad(_errors);
        DatasetSplit? data = loaded?.Split;
        if (data is not null)
        {
            CheckOutput(data.Train.Classes);
        }

        long size = _grids.Sum(g => Math.Min(g.Size, MaxTrials + 1));
        if (_strategy.Name == SearchStrategySettings.Grid && size * repeats > MaxTrials && root.TryGet(Search, out YamlNode searchNode))
        {
            _errors.Add(searchNode, Search, $"the search has more than {MaxTrials} trials; narrow it (every axis multiplies the count, and so do repeats)");
        }
        else if (_strategy.Name != SearchStrategySettings.Grid && (long)_strategy.Samples * repeats > MaxTrials && root.TryGet(StrategySection.Key, out YamlNode strategyNode))
        {
            _errors.Add(strategyNode, StrategySection.Key, $"samples x repeats is more than {MaxTrials} trials; lower one of them");
        }

        _errors.ThrowIfAny();

        var summary = new DatasetSummary(
            data!.Train.ExampleCount, data.Test.ExampleCount, data.Train.FeatureCount, data.Train.FeatureNames, data.Train.Classes)
        {
            ValidationExamples = data.Validation?.ExampleCount ?? 0,
        };
        IReadOnlyList<string> axes = _strategy.Name == SearchStrategySettings.Grid
            ? [.. _grids.SelectMany(g => g.Axes).Select(a => a.Setting.Name).Distinct()]
            : [.. _dimensions.Select(d => d.Setting.Name)];
        string identity = $"sweep-trial/1\nsweep={name}\ndataset={dataset!.Canonical}\ngradient_check={gradientCheckText}\n";
        var factory = new TrialFactory(identity, axes, gradientCheck);
        Dictionary<string, SettingValue> baseline = Baseline(summary.Classes.Count);
        (SearchPlan search, IReadOnlyList<TrialPlan>? gridTrials) = _strategy.Name == SearchStrategySettings.Grid
            ? GridPlan(repeats, factory, baseline)
            : (new SearchPlan(_strategy, repeats, _dimensions, null, baseline, factory), null);
        long largestTrial = CheckMemory(gridTrials?.Select(t => t.Definition) ?? MemoryCorners(baseline, factory), summary);
        _errors.ThrowIfAny();
        long dataBytes = TrialMemory.DataBytes(summary.FeatureCount, summary.TrainExamples, summary.TestExamples, summary.ValidationExamples);
        string settingsHash = gridTrials is null ? SampledSettingsHash(name, metric, identity, search, baseline) : SettingsHash(name, metric, gridTrials);
        return new SweepDefinition(
            name, description, sourcePath, fileHash, settingsHash, dataset.Settings, loaded!, summary, metric, axes, search, gridTrials, largestTrial, dataBytes);
    }

    /// <summary>
    /// A sampled search has no list of trials before it runs, so its meaning is what draws them: the strategy, the
    /// repeats, every fixed setting and every searched setting's distribution. Not the number of samples: configuration
    /// i does not depend on how many follow it, so a sweep run again with more samples keeps its trials and goes on.
    /// </summary>
    private static string SampledSettingsHash(string name, SweepMetric metric, string identity, SearchPlan search, Dictionary<string, SettingValue> baseline)
    {
        SearchStrategySettings strategy = search.Strategy;
        string sampler = string.Create(CultureInfo.InvariantCulture,
            $"{strategy.Name} seed={strategy.Seed} parallel={strategy.Parallel} multivariate={(strategy.Multivariate ? "true" : "false")}");
        var text = new StringBuilder($"sweep-settings/2\nsweep={name}\nmetric={metric.Name}\nstrategy={sampler}\nrepeats={search.Repeats}\n").Append(identity);
        foreach (Setting setting in SettingCatalog.All)
        {
            SearchedSetting? searched = search.SearchedSettings.FirstOrDefault(s => s.Name == setting.Name);
            text.Append(setting.Name).Append('=').Append(searched is null ? baseline[setting.Name].Canonical : "{" + searched.Distribution + "}").Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// What the file means rather than how it is written: the trial ids already hash each trial's settings with the
    /// sweep's name, data settings and gradient check, so the set of ids and the metric are the whole meaning.
    /// </summary>
    private static string SettingsHash(string name, SweepMetric metric, IReadOnlyList<TrialPlan> trials)
    {
        var text = new StringBuilder($"sweep-settings/1\nsweep={name}\nmetric={metric.Name}\n");
        // A grid means the set of its trials: listing the same values or axes in another order changes nothing.
        foreach (string id in trials.Select(t => t.TrialId).Order(StringComparer.Ordinal))
        {
            text.Append(id).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private string ReadName(MappingReader root)
    {
        if (!root.TryGet("name", out YamlNode node))
        {
            _errors.Add(root.Node, null, "missing 'name': the sweep's identity in the store, such as name: course-init");
            return string.Empty;
        }

        if (!Scalars.TryText(node, "name", _errors, "a name made of letters, digits, '.', '_' and '-'", out string name))
        {
            return string.Empty;
        }

        if (name.Length is 0 or > 100 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            _errors.Add(node, "name", $"{Scalars.Quote(name)} is not a usable name: use 1 to 100 letters, digits, '.', '_' and '-' (no spaces)");
        }

        return name;
    }

    /// <summary>The trial settings written under a section as fixed values.</summary>
    private void ReadFixed(MappingReader map, string section)
    {
        foreach (Setting setting in SettingCatalog.All.Where(s => s.Section == section))
        {
            if (!map.TryGet(setting.Name, out YamlNode node))
            {
                continue;
            }

            string path = map.PathOf(setting.Name);
            if (node is YamlSequenceNode && setting.Name != SettingCatalog.Hidden)
            {
                _errors.Add(node, path, $"expected one value, but found a list; to try several values, list them under search: {setting.Name}: [...]");
                continue;
            }

            if (setting.Read(node, path, _errors) is { } value)
            {
                _fixed[setting.Name] = (value, NodeLocation.Of(node, path));
            }
        }
    }

    private (GradientCheckOptions? Options, string Canonical) ReadGradientCheck(MappingReader root)
    {
        var options = new GradientCheckOptions();
        if (!root.TryGet(GradientCheck, out YamlNode node))
        {
            return (options, Describe(options));
        }

        // gradient_check: false is short for gradient_check: { enabled: false }.
        if (node is YamlScalarNode)
        {
            return Scalars.TryBool(node, GradientCheck, _errors, out bool on) && on ? (options, Describe(options)) : (null, "off");
        }

        if (MappingReader.Open(node, GradientCheck, GradientCheckKeys, _errors, key => BelongsElsewhere(key, GradientCheck)) is not { } map)
        {
            return (null, "off");
        }

        bool enabled = true;
        if (map.TryGet("enabled", out YamlNode enabledNode))
        {
            Scalars.TryBool(enabledNode, map.PathOf("enabled"), _errors, out enabled);
        }

        if (map.TryGet("epsilon", out YamlNode epsilonNode)
            && BoundedDouble(epsilonNode, map.PathOf("epsilon"), v => v is >= MinEpsilon and <= MaxEpsilon, EpsilonRule) is { } epsilon)
        {
            options = options with { Epsilon = epsilon };
        }

        if (map.TryGet("threshold", out YamlNode thresholdNode)
            && BoundedDouble(thresholdNode, map.PathOf("threshold"), v => v is > 0 and < 1, ThresholdRule) is { } threshold)
        {
            options = options with { Threshold = threshold };
        }

        if (map.TryGet("max_examples", out YamlNode maxNode) && Scalars.TryInt(maxNode, map.PathOf("max_examples"), _errors, out int max))
        {
            if (max < 1)
            {
                _errors.Add(maxNode, map.PathOf("max_examples"), string.Create(CultureInfo.InvariantCulture, $"{max} is not allowed: max_examples must be positive"));
            }
            else
            {
                options = options with { MaxExamples = max };
            }
        }

        return enabled ? (options, Describe(options)) : (null, "off");

        static string Describe(GradientCheckOptions o) => string.Create(CultureInfo.InvariantCulture,
            $"epsilon={SettingValue.Format(o.Epsilon)} threshold={SettingValue.Format(o.Threshold)} max_examples={o.MaxExamples}");
    }

    private double? BoundedDouble(YamlNode node, string path, Func<double, bool> allowed, string rule)
    {
        if (!Scalars.TryDouble(node, path, _errors, out double value))
        {
            return null;
        }

        if (allowed(value))
        {
            return value;
        }

        _errors.Add(node, path, $"{SettingValue.Format(value)} is not allowed: {rule}");
        return null;
    }

    private SweepMetric ReadMetric(MappingReader root)
    {
        if (!root.TryGet("metric", out YamlNode node))
        {
            return SweepMetric.TestAccuracy;
        }

        string[] names = [.. SweepMetric.All.Select(m => m.Name)];
        if (!Scalars.TryText(node, "metric", _errors, $"one of {string.Join(", ", names)}", out string text))
        {
            return SweepMetric.TestAccuracy;
        }

        SweepMetric? metric = SweepMetric.All.FirstOrDefault(m => string.Equals(m.Name, text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (metric is null)
        {
            string? closest = KeySuggestions.Closest(text, names);
            _errors.Add(node, "metric", $"unknown metric {Scalars.Quote(text)}: expected one of {string.Join(", ", names)}"
                + (closest is null ? string.Empty : $"; did you mean '{closest}'?"));
            return SweepMetric.TestAccuracy;
        }

        return metric;
    }

    /// <summary>A validation metric needs the validation set that only <c>dataset.validation_fraction</c> holds out.</summary>
    private void CheckValidationMetric(MappingReader root, SweepMetric metric, DatasetLoader? dataset)
    {
        if (metric.IsValidation && dataset is { Settings.ValidationFraction: null } && root.TryGet("metric", out YamlNode node))
        {
            _errors.Add(node, "metric",
                $"'{metric.Name}' needs a validation set, and the dataset holds none out: add 'validation_fraction' to 'dataset' (such as validation_fraction: 0.2), or rank by another metric");
        }
    }

    /// <summary>
    /// <c>search</c> is one grid (a mapping of axes) or a list of grids whose points are all run (scikit-learn's
    /// <c>param_grid</c> as a list of dicts). No search is one grid of no axes: one trial.
    /// </summary>
    private void ReadSearch(MappingReader root)
    {
        if (!root.TryGet(Search, out YamlNode node) || Scalars.IsNull(node))
        {
            if (_strategy.Name != SearchStrategySettings.Grid)
            {
                _errors.Add(root.KeyNode(StrategySection.Key), StrategySection.Key,
                    $"{_strategy.Name} searches the settings under 'search', but there is none; add one, such as search: {{ learning_rate: {{ log_uniform: [0.0001, 1] }} }}");
            }

            _grids.Add(new SearchGrid([], null));
            return;
        }

        if (_strategy.Name != SearchStrategySettings.Grid)
        {
            ReadSpace(node);
            return;
        }

        if (node is YamlSequenceNode list)
        {
            if (list.Children.Count == 0)
            {
                _errors.Add(node, Search, "an empty list of grids has no trials; give at least one grid, such as - { seed: [1, 2] }, or remove search");
                return;
            }

            for (int g = 0; g < list.Children.Count; g++)
            {
                ReadGrid(list.Children[g], string.Create(CultureInfo.InvariantCulture, $"{Search}[{g}]"));
            }

            return;
        }

        ReadGrid(node, Search);
    }

    private void ReadGrid(YamlNode node, string path)
    {
        string[] searchable = [.. SettingCatalog.All.Select(s => s.Name)];
        if (MappingReader.Open(node, path, searchable, _errors, NotSearchable) is not { } map)
        {
            return;
        }

        var axes = new List<SearchAxis>();
        foreach (string key in map.Keys)
        {
            Setting setting = SettingCatalog.ByName[key];
            map.TryGet(key, out YamlNode valuesNode);
            string axisPath = map.PathOf(key);
            var keyAt = NodeLocation.Of(map.KeyNode(key), axisPath);
            if (_fixed.TryGetValue(key, out var fixedValue))
            {
                _errors.Add(map.KeyNode(key), axisPath, string.Create(CultureInfo.InvariantCulture,
                    $"'{key}' is also given a fixed value ({fixedValue.At.KeyPath}, line {fixedValue.At.Line}); a setting is either fixed or searched: remove one"));
            }

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
            _errors.Add(node, Search,
                $"a list of grids only makes sense for strategy grid; {_strategy.Name} searches one space: write search as a mapping of settings to choices and ranges");
            return;
        }

        string[] searchable = [.. SettingCatalog.All.Select(s => s.Name)];
        if (MappingReader.Open(node, Search, searchable, _errors, NotSearchable) is not { } map)
        {
            return;
        }

        var choiceAxes = new List<SearchAxis>();
        foreach (string key in map.Keys)
        {
            Setting setting = SettingCatalog.ByName[key];
            map.TryGet(key, out YamlNode valuesNode);
            string path = map.PathOf(key);
            var keyAt = NodeLocation.Of(map.KeyNode(key), path);
            if (_fixed.TryGetValue(key, out var fixedValue))
            {
                _errors.Add(map.KeyNode(key), path, string.Create(CultureInfo.InvariantCulture,
                    $"'{key}' is also given a fixed value ({fixedValue.At.KeyPath}, line {fixedValue.At.Line}); a setting is either fixed or searched: remove one"));
            }

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

        _grids.Add(new SearchGrid(choiceAxes, NodeLocation.Of(node, Search)));
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
        if (!root.TryGet(Repeats, out YamlNode node) || !Scalars.TryInt(node, Repeats, _errors, out int repeats))
        {
            return 1;
        }

        if (repeats is < 1 or > MaxRepeats)
        {
            _errors.Add(node, Repeats, string.Create(CultureInfo.InvariantCulture, $"{repeats} is not allowed: repeats is how many seeds train each configuration, from 1 to {MaxRepeats}"));
            return 1;
        }

        if (repeats > 1 && (_grids.SelectMany(g => g.Axes).Any(a => a.Setting.Name == TrialFactory.Seed) || _dimensions.Any(d => d.Setting.Name == TrialFactory.Seed)))
        {
            _errors.Add(node, Repeats, "repeats already varies training.seed (seed, seed + 1, ...); remove seed from search, or set repeats: 1");
            return 1;
        }

        if (repeats > 1 && _fixed.TryGetValue(TrialFactory.Seed, out var seed) && (int)seed.Value.Value! > int.MaxValue - repeats)
        {
            _errors.Add(seed.At, string.Create(CultureInfo.InvariantCulture, $"with repeats: {repeats} the seeds run past {int.MaxValue}; use a smaller seed"));
        }

        return repeats;
    }

    /// <summary>Every trial needs hidden sizes: fixed, or an axis of every grid.</summary>
    private void CheckRequired(MappingReader root)
    {
        if (_fixed.ContainsKey(SettingCatalog.Hidden))
        {
            return;
        }

        var lacking = _grids.Where(g => !g.Axes.Any(a => a.Setting.Name == SettingCatalog.Hidden)).ToList();
        if (lacking.Count == _grids.Count)
        {
            YamlNode at = root.Has(SettingCatalog.Model) ? root.KeyNode(SettingCatalog.Model) : root.Node;
            _errors.Add(at, root.Has(SettingCatalog.Model) ? SettingCatalog.Model : null,
                "missing 'hidden': the hidden layer sizes, such as model: { hidden: [10, 5] } (or an axis search: { hidden: [[10, 5], [20]] })");
            return;
        }

        foreach (SearchGrid grid in lacking)
        {
            _errors.Add(grid.At!, "this grid has no 'hidden' axis and model.hidden is not given: every trial needs hidden layer sizes");
        }
    }

    /// <summary>A sigmoid output has one unit: it can only separate two classes.</summary>
    private void CheckOutput(IReadOnlyList<string> classes)
    {
        if (classes.Count <= 2)
        {
            return;
        }

        string problem = string.Create(CultureInfo.InvariantCulture,
            $"a sigmoid output has one unit for 2 classes, but the data has {classes.Count} ({string.Join(", ", classes.Take(10))}{(classes.Count > 10 ? ", ..." : string.Empty)}); use softmax");
        if (_fixed.TryGetValue(SettingCatalog.Output, out var fixedOutput) && fixedOutput.Value.Canonical == "sigmoid")
        {
            _errors.Add(fixedOutput.At, problem);
        }

        foreach (SearchAxis axis in _grids.SelectMany(g => g.Axes).Where(a => a.Setting.Name == SettingCatalog.Output))
        {
            for (int i = 0; i < axis.Values.Count; i++)
            {
                if (axis.Values[i].Canonical == "sigmoid")
                {
                    _errors.Add(axis.ValuesAt[i], problem);
                }
            }
        }
    }

    /// <summary>
    /// Refuses, at the <c>hidden</c> value that makes it, every network whose trial needs more memory than this
    /// machine gives .NET or an array longer than .NET allows; returns the largest trial's estimate.
    /// </summary>
    private long CheckMemory(IEnumerable<TrialDefinition> trials, DatasetSummary data)
    {
        var hiddenAt = new Dictionary<object, NodeLocation>(ReferenceEqualityComparer.Instance);
        if (_fixed.TryGetValue(SettingCatalog.Hidden, out var fixedHidden))
        {
            hiddenAt[fixedHidden.Value.Value!] = fixedHidden.At;
        }

        foreach (SearchAxis axis in _grids.SelectMany(g => g.Axes).Where(a => a.Setting.Name == SettingCatalog.Hidden))
        {
            for (int i = 0; i < axis.Values.Count; i++)
            {
                hiddenAt.TryAdd(axis.Values[i].Value!, axis.ValuesAt[i]);
            }
        }

        long largest = 0;
        var worstAt = new Dictionary<NodeLocation, (TrialDefinition Trial, TrialMemoryEstimate Estimate)>();
        foreach (TrialDefinition definition in trials)
        {
            int outputs = OutputLayerRegistry.Create(definition.Output).UnitsFor(data.Classes.Count);
            int[] sizes = [data.FeatureCount, .. definition.Hidden, outputs];
            TrialMemoryEstimate estimate = TrialMemory.Estimate(
                sizes, data.TrainExamples, data.TestExamples, definition.Training, definition.GradientCheck, definition.Normalize, data.ValidationExamples);
            largest = Math.Max(largest, estimate.Bytes);
            if ((estimate.FitsInArrays && estimate.Bytes <= _availableMemory) || !hiddenAt.TryGetValue(definition.Hidden, out NodeLocation? at))
            {
                continue;
            }

            if (!worstAt.TryGetValue(at, out var worst) || estimate.Bytes > worst.Estimate.Bytes)
            {
                worstAt[at] = (definition, estimate);
            }
        }

        foreach (var (at, (trial, estimate)) in worstAt)
        {
            string network = $"[{string.Join(", ", trial.Hidden)}]";
            _errors.Add(at, estimate.FitsInArrays
                ? string.Create(CultureInfo.InvariantCulture,
                    $"a trial with hidden layers {network} needs about {MemorySize.Describe(estimate.Bytes)} of memory ({estimate.Parameters:N0} parameters, with their gradients, optimizer state, activations and gradient check), but this machine gives .NET {MemorySize.Describe(_availableMemory)}; use smaller layers or a smaller batch_size")
                : string.Create(CultureInfo.InvariantCulture,
                    $"a trial with hidden layers {network} needs an array of {estimate.LargestArrayElements:N0} numbers ({estimate.Parameters:N0} parameters), more than one .NET array holds ({Array.MaxLength:N0}); use smaller layers or a smaller batch_size"));
        }

        return largest;
    }

    /// <summary>Every setting's value unless searched: fixed in the file, or the default.</summary>
    private Dictionary<string, SettingValue> Baseline(int classCount)
    {
        var baseline = new Dictionary<string, SettingValue>(StringComparer.Ordinal);
        foreach (Setting setting in SettingCatalog.All)
        {
            if (_fixed.TryGetValue(setting.Name, out var given))
            {
                baseline[setting.Name] = given.Value;
            }
            else if (setting.Default is not null)
            {
                baseline[setting.Name] = setting.Default;
            }
        }

        // The output layer's default follows the data: one sigmoid unit for two classes, softmax for more.
        baseline.TryAdd(SettingCatalog.Output, SettingValue.Of(classCount > 2 ? "softmax" : "sigmoid"));
        return baseline;
    }

    /// <summary>
    /// The grid (or grids) as a search: one choice per axis over every value any grid gives it (and its fixed or
    /// default value where a grid leaves it out), and the grid's points in file order, each once: a point that
    /// resolves to the settings of an earlier one is dropped. Also returns every trial, configuration by
    /// configuration with its repeats inside.
    /// </summary>
    private (SearchPlan Search, IReadOnlyList<TrialPlan> Trials) GridPlan(int repeats, TrialFactory factory, Dictionary<string, SettingValue> baseline)
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
        var search = new SearchPlan(_strategy, repeats, dimensions, points, baseline, factory);
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
    private IEnumerable<TrialDefinition> MemoryCorners(Dictionary<string, SettingValue> baseline, TrialFactory factory)
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

    /// <summary>Why a key that is not allowed in a section is there, when it is a key of another section.</summary>
    private static string? BelongsElsewhere(string key, string? section)
    {
        (string Section, IEnumerable<string> Keys)[] sections =
        [
            (SettingCatalog.TrainingSection, SettingCatalog.NamesIn(SettingCatalog.TrainingSection)),
            (SettingCatalog.Model, SettingCatalog.NamesIn(SettingCatalog.Model)),
            (SettingCatalog.Dataset, DatasetSection.Keys),
            (GradientCheck, GradientCheckKeys),
        ];
        foreach (var (other, keys) in sections)
        {
            if (other != section && keys.Contains(key))
            {
                string where = section is null ? $"'{key}' belongs" : $"'{key}' is not a {section} setting: it belongs";
                return SettingCatalog.ByName.ContainsKey(key)
                    ? $"{where} under '{other}' (or under 'search' as a list of values to try)"
                    : $"{where} under '{other}'";
            }
        }

        return section is not null && TopKeys.Contains(key) ? $"'{key}' is a top-level key, not a {section} setting: move it to the left margin" : null;
    }

    private static string? NotSearchable(string key) =>
        TopKeys.Contains(key) || DatasetSection.Keys.Contains(key) || GradientCheckKeys.Contains(key)
            ? $"'{key}' cannot be searched: the axes are the settings under model and training, and normalize"
            : null;
}
