using System.Globalization;
using Sweep.Training.Data.Generators;
using Sweep.Training.Data.Tabular;
using Sweep.Training.Random;
using YamlDotNet.RepresentationModel;

namespace Sweep.Config.Parsing;

/// <summary>
/// Reads the <c>dataset</c> mapping into one of the <see cref="DatasetSettings"/> forms. Exactly one form must be
/// given: <c>train</c> + <c>test</c>, <c>train</c> + <c>test_fraction</c>, or <c>generator</c> + <c>examples</c> +
/// <c>test_fraction</c>; a key of another form is an error rather than silently ignored. Any form may add
/// <c>validation_fraction</c>, the share of the training examples held out for validation.
/// </summary>
internal static class DatasetSection
{
    private static readonly string[] CsvKeys = ["train", "test", "label", "categorical", "missing"];
    private static readonly string[] GeneratorKeys = ["generator", "examples", "noise", "seed", "classes", "dimensions", "factor"];

    public static IReadOnlyList<string> Keys { get; } =
        ["train", "test", "label", "categorical", "missing", "test_fraction", "validation_fraction", "split_seed", "rng", "generator", "examples", "noise", "seed", "classes", "dimensions", "factor", "normalize"];

    /// <summary>The loader for the data the mapping describes, or null after adding errors.</summary>
    public static DatasetLoader? Read(MappingReader map, string baseFolder, ErrorList errors)
    {
        int before = errors.Count;
        var dataset = NodeLocation.Of(map.Owner, map.Path);
        bool generator = map.Has("generator");
        bool train = map.Has("train");
        if (generator)
        {
            RejectKeys(map, CsvKeys, key => $"'{key}' cannot be combined with 'generator': a generator makes its own data", errors);
        }
        else if (train)
        {
            RejectKeys(map, GeneratorKeys, key => $"'{key}' applies to a generator, not to CSV files", errors);
        }
        else
        {
            errors.Add(map.Owner, map.Path,
                "missing 'train' (a CSV file) or 'generator' (circles, moons, spirals or blobs): the sweep needs data");
            return null;
        }

        double testFraction = 0;
        NodeLocation? testFractionAt = null;
        if (map.TryGet("test_fraction", out YamlNode fractionNode))
        {
            testFractionAt = NodeLocation.Of(fractionNode, map.PathOf("test_fraction"));
            if (Scalars.TryDouble(fractionNode, testFractionAt.KeyPath, errors, out testFraction) && !(testFraction is > 0 and < 1))
            {
                errors.Add(fractionNode, testFractionAt.KeyPath,
                    $"{SettingValue.Format(testFraction)} is not allowed: test_fraction must be between 0 and 1 (exclusive)");
            }
        }

        (double? validationFraction, NodeLocation? validationFractionAt) = ReadValidationFraction(map, errors);
        int splitSeed = ReadOptionalInt(map, "split_seed", 1, 0, "must be 0 or more", errors);
        RandomKind rng = RandomKind.Numpy;
        if (map.TryGet("rng", out YamlNode rngNode) && Scalars.TryText(rngNode, map.PathOf("rng"), errors, "numpy or xoshiro", out string rngText))
        {
            try
            {
                rng = RandomSources.Parse(rngText);
            }
            catch (ArgumentException)
            {
                errors.Add(rngNode, map.PathOf("rng"), $"unknown random generator {Scalars.Quote(rngText)}: expected numpy or xoshiro");
            }
        }

        if (generator)
        {
            return ReadGenerator(map, dataset, testFraction, testFractionAt, splitSeed, rng, before, errors) is { } generated
                ? generated.WithValidation(validationFraction, validationFractionAt)
                : null;
        }

        map.TryGet("train", out YamlNode trainNode);
        NodeLocation trainAt = NodeLocation.Of(trainNode, map.PathOf("train"));
        DataFile? trainFile = ReadFile(map, "train", baseFolder, errors);
        string? label = null;
        NodeLocation? labelAt = null;
        if (map.TryGet("label", out YamlNode labelNode))
        {
            labelAt = NodeLocation.Of(labelNode, map.PathOf("label"));
            if (Scalars.TryText(labelNode, labelAt.KeyPath, errors, "the name of the label column", out string labelText))
            {
                label = labelText.Trim();
            }
        }

        IReadOnlyList<string> categorical = ReadCategorical(map, errors);
        MissingValues missing = ReadMissing(map, errors);
        if (map.Has("test"))
        {
            if (testFractionAt is not null)
            {
                errors.Add(map.KeyNode("test_fraction"), map.PathOf("test_fraction"),
                    "give either a test file ('test') or a fraction of the training file to hold out ('test_fraction'), not both");
            }

            if ((map.Has("split_seed") || map.Has("rng")) && validationFraction is null)
            {
                string key = map.Has("split_seed") ? "split_seed" : "rng";
                errors.Add(map.KeyNode(key), map.PathOf(key), $"'{key}' applies to a split (test_fraction or validation_fraction), not to a separate test file");
            }

            map.TryGet("test", out YamlNode testNode);
            NodeLocation testAt = NodeLocation.Of(testNode, map.PathOf("test"));
            DataFile? testFile = ReadFile(map, "test", baseFolder, errors);
            if (errors.Count > before || trainFile is null || testFile is null)
            {
                return null;
            }

            return new DatasetLoader(
                new CsvTrainTestDataset(trainFile, testFile, label) { SplitSeed = splitSeed, Rng = rng },
                new DatasetLocations(dataset, trainAt, testAt, labelAt, null, null)).WithValidation(validationFraction, validationFractionAt).WithTable(categorical, missing);
        }

        if (testFractionAt is null)
        {
            errors.Add(map.Owner, map.Path,
                "missing 'test' (a test CSV file) or 'test_fraction' (the share of the training file held out for testing, such as 0.25)");
        }

        if (errors.Count > before || trainFile is null)
        {
            return null;
        }

        return new DatasetLoader(
            new CsvSplitDataset(trainFile, label, testFraction, splitSeed, rng), new DatasetLocations(dataset, trainAt, null, labelAt, testFractionAt, null))
            .WithValidation(validationFraction, validationFractionAt).WithTable(categorical, missing);
    }

    /// <summary><c>categorical: [month, weekday]</c> (or one name): the columns read as categories; empty when absent or wrong.</summary>
    private static string[] ReadCategorical(MappingReader map, ErrorList errors)
    {
        if (!map.TryGet("categorical", out YamlNode node))
        {
            return [];
        }

        string path = map.PathOf("categorical");
        IEnumerable<YamlNode> items = node is YamlSequenceNode sequence ? sequence.Children : [node];
        var names = new List<string>();
        foreach (YamlNode item in items)
        {
            if (Scalars.TryText(item, path, errors, "a list of column names, such as [month, weekday]", out string name) && name.Trim().Length > 0)
            {
                names.Add(name.Trim());
            }
        }

        return names.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary><c>missing: error | impute | drop</c>; error when absent or wrong.</summary>
    private static MissingValues ReadMissing(MappingReader map, ErrorList errors)
    {
        if (!map.TryGet("missing", out YamlNode node) || !Scalars.TryText(node, map.PathOf("missing"), errors, "error, impute or drop", out string text))
        {
            return MissingValues.Error;
        }

        switch (text.Trim().ToLowerInvariant())
        {
            case "error":
                return MissingValues.Error;
            case "impute":
                return MissingValues.Impute;
            case "drop":
                return MissingValues.Drop;
            default:
                errors.Add(node, map.PathOf("missing"),
                    $"unknown {Scalars.Quote(text)}: expected error (refuse an empty cell, the default), impute (the training split's mean plus an indicator column; a \"missing\" category) or drop (leave out rows with an empty cell)");
                return MissingValues.Error;
        }
    }

    /// <summary>The share of the training examples held out for validation and where it was written; nulls when absent or wrong.</summary>
    private static (double? Fraction, NodeLocation? At) ReadValidationFraction(MappingReader map, ErrorList errors)
    {
        if (!map.TryGet("validation_fraction", out YamlNode node))
        {
            return (null, null);
        }

        NodeLocation at = NodeLocation.Of(node, map.PathOf("validation_fraction"));
        if (!Scalars.TryDouble(node, at.KeyPath, errors, out double fraction))
        {
            return (null, null);
        }

        if (!(fraction is > 0 and < 1))
        {
            errors.Add(node, at.KeyPath,
                $"{SettingValue.Format(fraction)} is not allowed: validation_fraction must be between 0 and 1 (exclusive): the share of the training examples held out to choose trials by");
            return (null, null);
        }

        return (fraction, at);
    }

    private static DatasetLoader? ReadGenerator(
        MappingReader map, NodeLocation dataset, double testFraction, NodeLocation? testFractionAt, int splitSeed, RandomKind rng, int before, ErrorList errors)
    {
        map.TryGet("generator", out YamlNode nameNode);
        string path = map.PathOf("generator");
        string? name = null;
        if (Scalars.TryText(nameNode, path, errors, $"one of {string.Join(", ", DatasetGenerators.Names)}", out string text))
        {
            name = text.Trim().ToLowerInvariant();
            if (!DatasetGenerators.Names.Contains(name))
            {
                string? closest = KeySuggestions.Closest(name, DatasetGenerators.Names);
                errors.Add(nameNode, path, $"unknown generator {Scalars.Quote(text)}: expected one of {string.Join(", ", DatasetGenerators.Names)}"
                    + (closest is null ? string.Empty : $"; did you mean '{closest}'?"));
            }
        }

        if (!map.Has("examples"))
        {
            errors.Add(map.Owner, map.Path, "missing 'examples': how many examples the generator makes (train and test together)");
        }

        int examples = ReadOptionalInt(map, "examples", 0, 1, "must be positive", errors);
        CheckAtMost(map, "examples", examples, GeneratorLimits.MaxExamples,
            "the generated data is held in memory several times over while it is split and normalized; to train on more, write the examples to a CSV file", errors);
        double noise = 0;
        if (map.TryGet("noise", out YamlNode noiseNode) && Scalars.TryDouble(noiseNode, map.PathOf("noise"), errors, out noise)
            && !(noise is >= 0 and <= GeneratorLimits.MaxNoise))
        {
            errors.Add(noiseNode, map.PathOf("noise"), string.Create(CultureInfo.InvariantCulture,
                $"{SettingValue.Format(noise)} is not allowed: noise must be from 0 to {GeneratorLimits.MaxNoise:0}: a standard deviation in the data's own units (about 1)"));
        }

        int seed = ReadOptionalInt(map, "seed", 1, 0, "must be 0 or more", errors);
        int? classes = map.Has("classes") ? ReadOptionalInt(map, "classes", 0, 2, "must be 2 or more", errors) : null;
        CheckAtMost(map, "classes", classes ?? 0, GeneratorLimits.MaxClasses, "a generator makes data for a classifier of a few classes", errors);
        int? dimensions = map.Has("dimensions") ? ReadOptionalInt(map, "dimensions", 0, 1, "must be positive", errors) : null;
        if (CheckAtMost(map, "dimensions", dimensions ?? 0, GeneratorLimits.MaxDimensions, "each example is one row of that many numbers", errors)
            && dimensions is { } d && (long)examples * d > GeneratorLimits.MaxValues && map.TryGet("dimensions", out YamlNode dimensionsNode))
        {
            errors.Add(dimensionsNode, map.PathOf("dimensions"), string.Create(CultureInfo.InvariantCulture,
                $"{examples} examples x {d} dimensions is {(long)examples * d} numbers, and a generator makes at most {GeneratorLimits.MaxValues}: use fewer examples or dimensions"));
        }

        double? factor = null;
        if (map.TryGet("factor", out YamlNode factorNode) && Scalars.TryDouble(factorNode, map.PathOf("factor"), errors, out double f))
        {
            factor = f;
        }

        if (testFractionAt is null)
        {
            errors.Add(map.Owner, map.Path, "missing 'test_fraction': the share of the generated examples held out for testing, such as 0.25");
        }

        if (errors.Count > before || name is null)
        {
            return null;
        }

        var parameters = new GeneratorParameters(examples, noise, seed) { Kind = rng, Classes = classes, Dimensions = dimensions, Factor = factor };
        return new DatasetLoader(
            new GeneratedDataset(name, parameters, testFraction, splitSeed),
            new DatasetLocations(dataset, null, null, null, testFractionAt, NodeLocation.Of(nameNode, path)));
    }

    private static DataFile? ReadFile(MappingReader map, string key, string baseFolder, ErrorList errors)
    {
        map.TryGet(key, out YamlNode node);
        if (!Scalars.TryText(node, map.PathOf(key), errors, "the path of a CSV file", out string declared))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(declared))
        {
            errors.Add(node, map.PathOf(key), "the path is empty: expected the path of a CSV file");
            return null;
        }

        try
        {
            return new DataFile(declared, Path.GetFullPath(Path.Combine(baseFolder, declared)));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            errors.Add(node, map.PathOf(key), $"{Scalars.Quote(declared)} is not a usable path: {e.Message}");
            return null;
        }
    }

    private static int ReadOptionalInt(MappingReader map, string key, int fallback, int minimum, string rule, ErrorList errors)
    {
        if (!map.TryGet(key, out YamlNode node) || !Scalars.TryInt(node, map.PathOf(key), errors, out int value))
        {
            return fallback;
        }

        if (value < minimum)
        {
            errors.Add(node, map.PathOf(key), $"{value} is not allowed: {key} {rule}");
        }

        return value;
    }

    /// <summary>Adds an error (false) when the key's value is above its bound, with why the bound is there.</summary>
    private static bool CheckAtMost(MappingReader map, string key, int value, int maximum, string why, ErrorList errors)
    {
        if (value <= maximum || !map.TryGet(key, out YamlNode node))
        {
            return true;
        }

        errors.Add(node, map.PathOf(key), string.Create(CultureInfo.InvariantCulture, $"{value} is too many: a generator makes at most {maximum} {key}; {why}"));
        return false;
    }

    private static void RejectKeys(MappingReader map, IEnumerable<string> keys, Func<string, string> problem, ErrorList errors)
    {
        foreach (string key in keys.Where(map.Has))
        {
            errors.Add(map.KeyNode(key), map.PathOf(key), problem(key));
        }
    }
}
