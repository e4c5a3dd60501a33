using System.Collections.ObjectModel;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
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

    private static readonly string[] TopKeys =
        ["name", "description", "dataset", "model", "training", StrategySection.Key, SearchSection.Key, SearchSection.RepeatsKey, GradientCheck, "metric"];
    private static readonly string[] GradientCheckKeys = ["enabled", "epsilon", "threshold", "max_examples"];

    private readonly ErrorList _errors;
    private readonly string _baseFolder;
    private readonly Dictionary<string, (SettingValue Value, NodeLocation At)> _fixed = new(StringComparer.Ordinal);
    private SearchSection _search = null!;

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
        _search = SearchSection.Read(root, _errors, _fixed, NotSearchable);
        CheckRequired(root);
        List<NodeLocation> linear = LinearOutputs();
        bool regression = linear.Count > 0;
        if (regression && dataset is { Settings: GeneratedDataset })
        {
            _errors.Add(linear[0], "a linear output predicts a value, but a generator makes classes: train a regression on a CSV file whose label column holds the values");
        }
        else if (regression)
        {
            dataset = dataset?.AsRegression();
        }

        metric = CheckMetricKind(root, metric, regression);

        LoadedData? loaded = dataset?.TryLoad(_errors);
        DatasetSplit? data = loaded?.Split;
        if (data is not null)
        {
            CheckOutput(data.Train.Classes);
        }

        _errors.ThrowIfAny();

        var summary = new DatasetSummary(
            data!.Train.ExampleCount, data.Test.ExampleCount, data.Train.FeatureCount, data.Train.FeatureNames, data.Train.Classes)
        {
            ValidationExamples = data.Validation?.ExampleCount ?? 0,
            Encoding = data.Encoding,
            LabelColumn = data.Encoding?.Label,
            MissingLabelRows = loaded!.Tables.Sum(t => t.MissingLabelRows),
            DroppedRows = loaded.Tables.Sum(t => t.DroppedRows),
            EmptyCells = loaded.Tables.Sum(t => t.EmptyCells),
            Notes = data.Notes,
        };
        IReadOnlyList<string> axes = _search.Axes;
        string identity = $"sweep-trial/1\nsweep={name}\ndataset={dataset!.Canonical}\ngradient_check={gradientCheckText}\n";
        var factory = new TrialFactory(identity, axes, gradientCheck);
        Dictionary<string, SettingValue> baseline = Baseline(summary.Classes.Count);
        (SearchPlan search, IReadOnlyList<TrialPlan>? gridTrials) = _search.Plan(factory, baseline);
        long largestTrial = CheckMemory(gridTrials?.Select(t => t.Definition) ?? _search.MemoryCorners(baseline, factory), summary);
        _errors.ThrowIfAny();
        long dataBytes = TrialMemory.DataBytes(summary.FeatureCount, summary.TrainExamples, summary.TestExamples, summary.ValidationExamples);
        string settingsHash = gridTrials is null ? SampledSettingsHash(name, metric, identity, search, baseline) : SettingsHash(name, metric, gridTrials);
        return new SweepDefinition(
            name, description, sourcePath, text, fileHash, settingsHash, dataset.Settings, loaded!, summary, metric, axes, search, gridTrials, largestTrial, dataBytes);
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

    /// <summary>
    /// Where the sweep's output is <c>linear</c>, fixed or as every value of an output axis: then it predicts values;
    /// empty for a classifier. A sweep whose outputs mix linear with sigmoid or softmax is refused at the linear
    /// values (and is a classifier): the label column holds either values or classes.
    /// </summary>
    private List<NodeLocation> LinearOutputs()
    {
        var outputs = new List<(string Value, NodeLocation At)>();
        if (_fixed.TryGetValue(SettingCatalog.Output, out var fixedOutput))
        {
            outputs.Add((fixedOutput.Value.Canonical, fixedOutput.At));
        }

        foreach (SearchAxis axis in _search.Grids.SelectMany(g => g.Axes).Where(a => a.Setting.Name == SettingCatalog.Output))
        {
            outputs.AddRange(axis.Values.Select((v, i) => (v.Canonical, axis.ValuesAt[i])));
        }

        List<NodeLocation> linear = [.. outputs.Where(o => o.Value == "linear").Select(o => o.At)];
        if (linear.Count == 0 || linear.Count == outputs.Count)
        {
            return linear;
        }

        foreach (NodeLocation at in linear)
        {
            _errors.Add(at, "a linear output predicts the label as a value, and the sweep's other outputs (sigmoid, softmax) as classes: one sweep reads its label one way; make every output linear or none");
        }

        return [];
    }

    /// <summary>
    /// A regression ranks by RMSE, R^2 or cost, a classifier by accuracy or cost; without a metric a regression ranks
    /// by test_rmse. A metric of the other kind is refused with the one to use.
    /// </summary>
    private SweepMetric CheckMetricKind(MappingReader root, SweepMetric metric, bool regression)
    {
        bool given = root.TryGet("metric", out YamlNode node);
        if (!given)
        {
            return regression ? SweepMetric.TestRmse : metric;
        }

        string set = metric.Name[..metric.Name.IndexOf('_', StringComparison.Ordinal)];
        if (regression && metric.IsClassification)
        {
            _errors.Add(node, "metric", $"'{metric.Name}' measures a classifier, and this sweep's output is linear (a regression): rank by {set}_rmse, {set}_r2 or {set}_cost");
        }
        else if (!regression && metric.IsRegression)
        {
            _errors.Add(node, "metric", $"'{metric.Name}' measures a regression (model output linear), and this sweep trains a classifier: rank by {set}_accuracy or {set}_cost");
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

    /// <summary>Every trial needs hidden sizes: fixed, or an axis of every grid.</summary>
    private void CheckRequired(MappingReader root)
    {
        if (_fixed.ContainsKey(SettingCatalog.Hidden))
        {
            return;
        }

        var lacking = _search.Grids.Where(g => !g.Axes.Any(a => a.Setting.Name == SettingCatalog.Hidden)).ToList();
        if (lacking.Count == _search.Grids.Count)
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

        foreach (SearchAxis axis in _search.Grids.SelectMany(g => g.Axes).Where(a => a.Setting.Name == SettingCatalog.Output))
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

        foreach (SearchAxis axis in _search.Grids.SelectMany(g => g.Axes).Where(a => a.Setting.Name == SettingCatalog.Hidden))
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
