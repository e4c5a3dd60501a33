using Sweep.Training.GradientChecking;

namespace Sweep.Training.Training;

/// <summary>
/// Everything that defines one trial apart from its data: the network's hidden part (the input and output sizes come
/// from the data), the initializer, whether inputs are z-score normalized, how to train, and the gradient-check gate
/// (null when disabled).
/// </summary>
public sealed record TrialDefinition
{
    public IReadOnlyList<int> Hidden { get; init; } = [];

    public string HiddenActivation { get; init; } = "relu";

    /// <summary><c>sigmoid</c> (two classes) or <c>softmax</c>.</summary>
    public string Output { get; init; } = "sigmoid";

    public string Initializer { get; init; } = "he";

    public bool Normalize { get; init; } = true;

    public TrainingOptions Training { get; init; } = new();

    public GradientCheckOptions? GradientCheck { get; init; } = new();
}
