using Sweep.Training.Random;

namespace Sweep.Training.Data.Generators;

/// <summary>
/// What <see cref="DatasetGenerators.Create(string, GeneratorParameters)"/> passes to a generator. The optional
/// settings are null for "the generator's default"; setting one that a generator does not have (the factor of moons,
/// more than 2 classes for circles) is an error rather than silently ignored.
/// </summary>
public sealed record GeneratorParameters(int Examples, double Noise, int Seed)
{
    public RandomKind Kind { get; init; } = RandomKind.Numpy;

    /// <summary>Number of classes: spirals and blobs (default 3); circles and moons always have 2.</summary>
    public int? Classes { get; init; }

    /// <summary>Number of features: blobs (default 2); the others are always 2-D.</summary>
    public int? Dimensions { get; init; }

    /// <summary>Inner radius over outer radius: circles only (default 0.8).</summary>
    public double? Factor { get; init; }
}
