namespace Sweep.Training.Optimizers;

/// <summary>Which update rule a trial uses and its constants (the usual defaults).</summary>
public sealed record OptimizerSettings
{
    public static IReadOnlyList<string> Names { get; } = ["gd", "momentum", "adam"];

    /// <summary><c>gd</c>, <c>momentum</c> or <c>adam</c>.</summary>
    public string Name { get; init; } = "gd";

    /// <summary>Momentum's beta, and Adam's beta1.</summary>
    public double Beta1 { get; init; } = 0.9;

    public double Beta2 { get; init; } = 0.999;

    public double Epsilon { get; init; } = 1e-8;

    public IOptimizer Create(double learningRate, int parameterCount) => Name.Trim().ToLowerInvariant() switch
    {
        "gd" => new GradientDescent(learningRate),
        "momentum" => new Momentum(learningRate, Beta1, parameterCount),
        "adam" => new Adam(learningRate, Beta1, Beta2, Epsilon, parameterCount),
        _ => throw new ArgumentException($"unknown optimizer '{Name}': expected gd, momentum or adam"),
    };
}
