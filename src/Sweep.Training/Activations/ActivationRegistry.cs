namespace Sweep.Training.Activations;

/// <summary>Hidden activations by the names sweep files and saved models use.</summary>
public static class ActivationRegistry
{
    public static IReadOnlyList<string> Names { get; } = ["relu", "leaky_relu", "tanh", "sigmoid", "elu", "selu"];

    public static IActivation Create(string name) => name.Trim().ToLowerInvariant() switch
    {
        "relu" => new Relu(),
        "leaky_relu" => new LeakyRelu(),
        "tanh" => new Tanh(),
        "sigmoid" => new Sigmoid(),
        "elu" => new Elu(),
        "selu" => new Selu(),
        _ => throw new ArgumentException(
            $"unknown activation '{name}': expected one of {string.Join(", ", Names)}", nameof(name)),
    };
}
