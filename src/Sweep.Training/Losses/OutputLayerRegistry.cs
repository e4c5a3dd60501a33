namespace Sweep.Training.Losses;

/// <summary>Output layers by the names sweep files and saved models use.</summary>
public static class OutputLayerRegistry
{
    public static IReadOnlyList<string> Names { get; } = ["sigmoid", "softmax", "linear"];

    public static IOutputLayer Create(string name) => name.Trim().ToLowerInvariant() switch
    {
        "sigmoid" => new SigmoidCrossEntropy(),
        "softmax" => new SoftmaxCrossEntropy(),
        "linear" => new LinearSquaredError(),
        _ => throw new ArgumentException($"unknown output '{name}': expected sigmoid, softmax or linear", nameof(name)),
    };
}
