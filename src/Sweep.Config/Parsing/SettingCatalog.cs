using System.Collections.ObjectModel;
using System.Globalization;
using Sweep.Training.Activations;
using Sweep.Training.GradientChecking;
using Sweep.Training.Initializers;
using Sweep.Training.Losses;
using Sweep.Training.Optimizers;
using Sweep.Training.Random;
using Sweep.Training.Regularization;
using Sweep.Training.Training;
using YamlDotNet.RepresentationModel;

namespace Sweep.Config.Parsing;

/// <summary>
/// Every setting a trial has, in the fixed order its canonical text uses (so a trial's id does not depend on the
/// order of keys in the file), with its reader, its checks and its default. Defaults are the engine's
/// (<see cref="TrainingOptions"/>, <see cref="OptimizerSettings"/>, <see cref="TrialDefinition"/>).
/// </summary>
internal static class SettingCatalog
{
    public const string Model = "model";
    public const string TrainingSection = "training";
    public const string Dataset = "dataset";

    public const string Hidden = "hidden";
    public const string Output = "output";

    private static readonly TrainingOptions EngineTraining = new();
    private static readonly OptimizerSettings EngineOptimizer = new();
    private static readonly TrialDefinition EngineTrial = new();

    public static IReadOnlyList<Setting> All { get; } =
    [
        new() { Name = Hidden, Section = Model, Read = ReadHidden },
        new()
        {
            Name = "activation", Section = Model, Default = SettingValue.Of(EngineTrial.HiddenActivation),
            Read = (n, p, e) => ReadChoice(n, p, e, "activation", ActivationRegistry.Names),
        },
        new() { Name = Output, Section = Model, Read = (n, p, e) => ReadChoice(n, p, e, "output", OutputLayerRegistry.Names) },
        new() { Name = "initializer", Section = TrainingSection, Default = SettingValue.Of(EngineTrial.Initializer), Read = ReadInitializer },
        new() { Name = "seed", Section = TrainingSection, Default = SettingValue.Of(EngineTraining.Seed), Kind = SettingKind.Integer, Read = ReadSeed },
        new()
        {
            Name = "l2_lambda", Section = TrainingSection, Default = SettingValue.Of(EngineTraining.L2Lambda),
            Kind = SettingKind.Real, Read = (n, p, e) => ReadDouble(n, p, e, v => v >= 0, "must be 0 (no L2 penalty) or more"),
        },
        new()
        {
            Name = "keep_prob", Section = TrainingSection, Default = SettingValue.Of(EngineTraining.KeepProb),
            Kind = SettingKind.Real, Read = (n, p, e) => ReadDouble(n, p, e, v => v is >= 0.01 and <= 1,
                "must be in [0.01, 1]: the probability of keeping a hidden unit, 1 for no dropout"),
        },
        new()
        {
            Name = "iterations", Section = TrainingSection, Default = SettingValue.Of(EngineTraining.Iterations),
            Kind = SettingKind.Integer, Read = (n, p, e) => ReadInt(n, p, e, v => v > 0, "must be positive"),
        },
        new()
        {
            Name = "learning_rate", Section = TrainingSection, Default = SettingValue.Of(EngineTraining.LearningRate),
            Kind = SettingKind.Real, Read = (n, p, e) => ReadDouble(n, p, e, v => v > 0, "must be positive"),
        },
        new()
        {
            Name = "record_every", Section = TrainingSection, Default = SettingValue.Of(EngineTraining.RecordEvery),
            Kind = SettingKind.Integer, Read = (n, p, e) => ReadInt(n, p, e, v => v > 0, "must be positive"),
        },
        new()
        {
            Name = "batch_size", Section = TrainingSection, Default = SettingValue.Of(EngineTraining.BatchSize),
            Kind = SettingKind.Integer, Read = (n, p, e) => ReadInt(n, p, e, v => v >= 0, "must be 0 (the full batch) or positive"),
        },
        new()
        {
            Name = "optimizer", Section = TrainingSection, Default = SettingValue.Of(EngineOptimizer.Name),
            Read = (n, p, e) => ReadChoice(n, p, e, "optimizer", OptimizerSettings.Names),
        },
        new()
        {
            Name = "beta1", Section = TrainingSection, Default = SettingValue.Of(EngineOptimizer.Beta1),
            Kind = SettingKind.Real, Read = (n, p, e) => ReadDouble(n, p, e, v => v is >= 0 and < 1, "must be in [0, 1)"),
        },
        new()
        {
            Name = "beta2", Section = TrainingSection, Default = SettingValue.Of(EngineOptimizer.Beta2),
            Kind = SettingKind.Real, Read = (n, p, e) => ReadDouble(n, p, e, v => v is >= 0 and < 1, "must be in [0, 1)"),
        },
        new()
        {
            Name = "adam_epsilon", Section = TrainingSection, Default = SettingValue.Of(EngineOptimizer.Epsilon),
            Kind = SettingKind.Real, Read = (n, p, e) => ReadDouble(n, p, e, v => v > 0, "must be positive"),
        },
        new()
        {
            Name = "gradient_clip_norm", Section = TrainingSection, Default = SettingValue.Of(EngineTraining.GradientClipNorm),
            Kind = SettingKind.Real, Read = (n, p, e) => ReadDouble(n, p, e, v => v >= 0, "must be 0 (no clipping) or positive"),
        },
        new()
        {
            Name = "dropout_masks", Section = TrainingSection, Default = new SettingValue(EngineTraining.DropoutMasks, "fresh"),
            Read = ReadDropoutMasks,
        },
        new() { Name = "dropout_seed", Section = TrainingSection, Default = new SettingValue(null, "auto"), Kind = SettingKind.Integer, Read = ReadSeed },
        new() { Name = "shuffle_seed", Section = TrainingSection, Default = new SettingValue(null, "auto"), Kind = SettingKind.Integer, Read = ReadSeed },
        new() { Name = "rng", Section = TrainingSection, Default = new SettingValue(EngineTraining.Random, "numpy"), Read = ReadRandomKind },
        new() { Name = "normalize", Section = Dataset, Default = SettingValue.Of(EngineTrial.Normalize), Read = ReadBool },
    ];

    public static IReadOnlyDictionary<string, Setting> ByName { get; } = All.ToDictionary(s => s.Name, StringComparer.Ordinal);

    /// <summary>The setting names written under a section, in catalog order.</summary>
    public static IReadOnlyList<string> NamesIn(string section) => [.. All.Where(s => s.Section == section).Select(s => s.Name)];

    /// <summary>The trial the resolved values describe (every setting of the catalog has a value).</summary>
    public static TrialDefinition Build(IReadOnlyDictionary<string, SettingValue> values, GradientCheckOptions? gradientCheck)
    {
        T Get<T>(string name) => (T)values[name].Value!;
        return new TrialDefinition
        {
            Hidden = Get<ReadOnlyCollection<int>>(Hidden),
            HiddenActivation = Get<string>("activation"),
            Output = Get<string>(Output),
            Initializer = Get<string>("initializer"),
            Normalize = Get<bool>("normalize"),
            GradientCheck = gradientCheck,
            Training = new TrainingOptions
            {
                Iterations = Get<int>("iterations"),
                LearningRate = Get<double>("learning_rate"),
                RecordEvery = Get<int>("record_every"),
                L2Lambda = Get<double>("l2_lambda"),
                KeepProb = Get<double>("keep_prob"),
                DropoutMasks = Get<DropoutMaskMode>("dropout_masks"),
                BatchSize = Get<int>("batch_size"),
                Optimizer = new OptimizerSettings
                {
                    Name = Get<string>("optimizer"),
                    Beta1 = Get<double>("beta1"),
                    Beta2 = Get<double>("beta2"),
                    Epsilon = Get<double>("adam_epsilon"),
                },
                GradientClipNorm = Get<double>("gradient_clip_norm"),
                Random = Get<RandomKind>("rng"),
                Seed = Get<int>("seed"),
                DropoutSeed = Get<int?>("dropout_seed"),
                ShuffleSeed = Get<int?>("shuffle_seed"),
            },
        };
    }

    /// <summary>
    /// The value whose canonical text is <paramref name="canonical"/>, read as the file's value would be (the default's
    /// text, such as <c>auto</c>, is the default); throws <see cref="FormatException"/> when the setting refuses it.
    /// </summary>
    public static SettingValue FromCanonical(Setting setting, string canonical)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(canonical);
        if (setting.Default is { } fallback && fallback.Canonical == canonical)
        {
            return fallback;
        }

        var errors = new ErrorList($"the stored setting {setting.Name}={canonical}");
        SettingValue? value = YamlLoader.LoadSingleDocument(canonical, errors) is { } node ? setting.Read(node, setting.Name, errors) : null;
        if (value is null || value.Canonical != canonical)
        {
            string problem = errors.HasErrors ? errors.ToException().Message : $"it reads back as {value?.Canonical}";
            throw new FormatException($"the stored setting {setting.Name}={canonical} cannot be read back: {problem}");
        }

        return value;
    }

    private static SettingValue? ReadInt(YamlNode node, string path, ErrorList errors, Func<int, bool> valid, string rule)
    {
        if (!Scalars.TryInt(node, path, errors, out int value))
        {
            return null;
        }

        if (!valid(value))
        {
            errors.Add(node, path, string.Create(CultureInfo.InvariantCulture, $"{value} is not allowed: {Name(path)} {rule}"));
            return null;
        }

        return SettingValue.Of(value);
    }

    private static SettingValue? ReadDouble(YamlNode node, string path, ErrorList errors, Func<double, bool> valid, string rule)
    {
        if (!Scalars.TryDouble(node, path, errors, out double value))
        {
            return null;
        }

        if (!valid(value))
        {
            errors.Add(node, path, $"{SettingValue.Format(value)} is not allowed: {Name(path)} {rule}");
            return null;
        }

        // -0.0 and 0.0 are the same setting; keep one canonical text for them.
        return SettingValue.Of(value == 0 ? 0.0 : value);
    }

    private static SettingValue? ReadSeed(YamlNode node, string path, ErrorList errors) =>
        ReadInt(node, path, errors, v => v >= 0, "must be 0 or more (NumPy accepts no negative seeds)");

    private static SettingValue? ReadBool(YamlNode node, string path, ErrorList errors) =>
        Scalars.TryBool(node, path, errors, out bool value) ? SettingValue.Of(value) : null;

    /// <summary>One of <paramref name="names"/>, case-insensitive; canonical in lower case.</summary>
    private static SettingValue? ReadChoice(YamlNode node, string path, ErrorList errors, string what, IReadOnlyList<string> names)
    {
        if (!Scalars.TryText(node, path, errors, $"one of {string.Join(", ", names)}", out string text))
        {
            return null;
        }

        string key = text.Trim().ToLowerInvariant();
        if (names.Contains(key))
        {
            return SettingValue.Of(key);
        }

        string? closest = KeySuggestions.Closest(key, names);
        string suggestion = closest is null ? string.Empty : $"; did you mean '{closest}'?";
        errors.Add(node, path, $"unknown {what} {Scalars.Quote(text)}: expected one of {string.Join(", ", names)}{suggestion}");
        return null;
    }

    private static SettingValue? ReadInitializer(YamlNode node, string path, ErrorList errors)
    {
        if (node is YamlMappingNode { Children.Count: 1 } mapping
            && mapping.Children.Keys.Single() is YamlScalarNode { Value: "random" })
        {
            // In a flow list, [zeros, random:10] is fine but [zeros, random: 10] reads as a mapping {random: 10}.
            errors.Add(node, path, "expected an initializer name, but found a mapping; write the scaled normal initializer in quotes, \"random:10\"");
            return null;
        }

        if (!Scalars.TryText(node, path, errors, "an initializer name", out string text))
        {
            return null;
        }

        string key = text.Trim().ToLowerInvariant();
        try
        {
            InitializerRegistry.Create(key);
        }
        catch (ArgumentException e)
        {
            string message = e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal);
            string? closest = KeySuggestions.Closest(key, InitializerRegistry.Names);
            string suggestion = closest is null || key.StartsWith("random", StringComparison.Ordinal) ? string.Empty : $"; did you mean '{closest}'?";
            errors.Add(node, path, message + suggestion);
            return null;
        }

        // random:<scale> is canonical with its scale's round-trip text, so random:10 and random:10.0 are one trial.
        if (key.StartsWith("random:", StringComparison.Ordinal))
        {
            double scale = double.Parse(key["random:".Length..], NumberStyles.Float, CultureInfo.InvariantCulture);
            key = "random:" + SettingValue.Format(scale);
        }

        return SettingValue.Of(key);
    }

    private static SettingValue? ReadDropoutMasks(YamlNode node, string path, ErrorList errors)
    {
        SettingValue? choice = ReadChoice(node, path, errors, "dropout mask mode", ["fresh", "fixed"]);
        return choice is null ? null : new SettingValue(choice.Canonical == "fixed" ? DropoutMaskMode.Fixed : DropoutMaskMode.Fresh, choice.Canonical);
    }

    private static SettingValue? ReadRandomKind(YamlNode node, string path, ErrorList errors)
    {
        SettingValue? choice = ReadChoice(node, path, errors, "random generator", ["numpy", "xoshiro"]);
        return choice is null ? null : new SettingValue(RandomSources.Parse(choice.Canonical), choice.Canonical);
    }

    private static SettingValue? ReadHidden(YamlNode node, string path, ErrorList errors)
    {
        if (node is not YamlSequenceNode sequence)
        {
            errors.Add(node, path, $"expected a list of hidden layer sizes such as [10, 5], but found {Scalars.Describe(node)}");
            return null;
        }

        var sizes = new int[sequence.Children.Count];
        bool valid = true;
        for (int i = 0; i < sizes.Length; i++)
        {
            string itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
            YamlNode item = sequence.Children[i];
            if (item is YamlSequenceNode)
            {
                errors.Add(item, itemPath, "expected a layer size, but found a list; a list of alternatives such as [[10, 5], [20]] goes under search");
                valid = false;
            }
            else if (!Scalars.TryInt(item, itemPath, errors, out sizes[i]))
            {
                valid = false;
            }
            else if (sizes[i] < 1)
            {
                errors.Add(item, itemPath, string.Create(CultureInfo.InvariantCulture, $"{sizes[i]} units: every hidden layer needs at least 1"));
                valid = false;
            }
        }

        if (!valid)
        {
            return null;
        }

        string canonical = "[" + string.Join(",", sizes.Select(s => s.ToString(CultureInfo.InvariantCulture))) + "]";
        return new SettingValue(Array.AsReadOnly(sizes), canonical);
    }

    /// <summary>The setting's name from its path (<c>search.keep_prob[1]</c> is <c>keep_prob</c>).</summary>
    /// <summary>The setting a path names: <c>keep_prob</c> for <c>search.keep_prob[1]</c> and for the end of a range, <c>search.keep_prob.uniform[1]</c>.</summary>
    private static string Name(string path)
    {
        string[] segments = path.Split('.');
        string last = segments[^1];
        int bracket = last.IndexOf('[', StringComparison.Ordinal);
        string name = bracket < 0 ? last : last[..bracket];
        return segments.Length > 1 && name is "uniform" or "log_uniform" or "int" ? segments[^2] : name;
    }
}
