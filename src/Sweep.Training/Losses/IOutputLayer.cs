namespace Sweep.Training.Losses;

/// <summary>
/// The output activation together with the loss it pairs with, so that <c>dZ = A - Y</c> holds and the cost can be
/// computed stably from the logits Z. Matrices are units x examples, row-major. Y holds one number per example: the
/// class index for a classifier, the (standardized) value for regression.
/// </summary>
public interface IOutputLayer
{
    /// <summary>The name used in sweep files and saved models.</summary>
    string Name { get; }

    /// <summary>Whether the output predicts a value (regression) rather than a class.</summary>
    bool PredictsValues { get; }

    /// <summary>How many output units a problem with this many classes (0 for regression) needs.</summary>
    int UnitsFor(int classCount);

    /// <summary><c>A = output activation(Z)</c>.</summary>
    void Activate(ReadOnlySpan<double> z, Span<double> a, int units, int examples);

    /// <summary>
    /// The summed (not averaged) loss over the examples, from the logits: finite whenever Z is, even where the
    /// activation saturates to exactly 0 or 1.
    /// </summary>
    double SummedLoss(ReadOnlySpan<double> z, ReadOnlySpan<double> y, int units, int examples);

    /// <summary><c>dZ = A - Y</c>, Y being the one-hot (or 0/1) labels, or the values.</summary>
    void OutputGradient(ReadOnlySpan<double> a, ReadOnlySpan<double> y, Span<double> dz, int units, int examples);

    /// <summary>The predicted class index of example j from the activations.</summary>
    int Predict(ReadOnlySpan<double> a, int units, int examples, int j);
}
