using Sweep.Training.Random;

namespace Sweep.Training.Data.Generators;

/// <summary>
/// The built-in generated data sets by the names sweep files use. With <see cref="RandomKind.Numpy"/> every generator
/// draws NumPy's numbers in scikit-learn's (or CS231n's) order, so labels and example order match theirs exactly and
/// coordinates match to the last bit or two wherever NumPy's vectorized cos and sin round differently.
/// </summary>
public static class DatasetGenerators
{
    public static IReadOnlyList<string> Names { get; } =
        [CirclesGenerator.Name, MoonsGenerator.Name, SpiralsGenerator.Name, BlobsGenerator.Name];

    /// <summary>The named generator with its default settings.</summary>
    public static Dataset Create(string name, int examples, double noise, int seed, RandomKind kind = RandomKind.Numpy) =>
        Create(name, new GeneratorParameters(examples, noise, seed) { Kind = kind });

    /// <summary>The named generator (case-insensitive); an unknown name or a setting it lacks is a <see cref="DatasetException"/>.</summary>
    public static Dataset Create(string name, GeneratorParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(parameters);
        string key = name.Trim().ToLowerInvariant();
        var p = parameters;
        switch (key)
        {
            case CirclesGenerator.Name:
                RejectClassesOtherThanTwo(key, p);
                RejectDimensionsOtherThanTwo(key, p);
                return CirclesGenerator.Generate(p.Examples, p.Noise, p.Seed, p.Kind, p.Factor ?? CirclesGenerator.DefaultFactor);
            case MoonsGenerator.Name:
                RejectClassesOtherThanTwo(key, p);
                RejectDimensionsOtherThanTwo(key, p);
                RejectFactor(key, p);
                return MoonsGenerator.Generate(p.Examples, p.Noise, p.Seed, p.Kind);
            case SpiralsGenerator.Name:
                RejectDimensionsOtherThanTwo(key, p);
                RejectFactor(key, p);
                return SpiralsGenerator.Generate(p.Examples, p.Noise, p.Seed, p.Kind, p.Classes ?? SpiralsGenerator.DefaultClasses);
            case BlobsGenerator.Name:
                RejectFactor(key, p);
                return BlobsGenerator.Generate(
                    p.Examples, p.Noise, p.Seed, p.Kind, p.Classes ?? BlobsGenerator.DefaultClasses, p.Dimensions ?? BlobsGenerator.DefaultDimensions);
            default:
                throw new DatasetException($"unknown data set generator '{name}': expected one of {string.Join(", ", Names)}");
        }
    }

    private static void RejectClassesOtherThanTwo(string name, GeneratorParameters p)
    {
        if (p.Classes is { } classes && classes != 2)
        {
            throw new DatasetException($"the {name} generator always makes 2 classes, not {classes}");
        }
    }

    private static void RejectDimensionsOtherThanTwo(string name, GeneratorParameters p)
    {
        if (p.Dimensions is { } dimensions && dimensions != 2)
        {
            throw new DatasetException($"the {name} generator always makes 2 features, not {dimensions}");
        }
    }

    private static void RejectFactor(string name, GeneratorParameters p)
    {
        if (p.Factor is not null)
        {
            throw new DatasetException($"the {name} generator has no factor (only circles does)");
        }
    }
}
