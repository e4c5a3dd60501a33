using System.Numerics.Tensors;

namespace Sweep.Training.Losses;

/// <summary>
/// One sigmoid unit with binary cross-entropy <c>-(y log a + (1-y) log(1-a))</c>, evaluated as
/// <c>softplus(z) - y z</c> with <c>softplus(z) = max(z,0) + log(1 + e^-|z|)</c> so that a saturated unit gives a
/// large finite loss instead of <c>log(0)</c>. Prediction is <c>a &gt; 0.5</c>, the course's rule.
/// </summary>
public sealed class SigmoidCrossEntropy : IOutputLayer
{
    public string Name => "sigmoid";

    public bool PredictsValues => false;

    public int UnitsFor(int classCount) => classCount == 2
        ? 1
        : throw new ArgumentException(classCount == 0
            ? "a sigmoid output predicts one of 2 classes, but the data's target is a value: use linear"
            : $"a sigmoid output needs exactly 2 classes, the data has {classCount}: use softmax");

    public void Activate(ReadOnlySpan<double> z, Span<double> a, int units, int examples) =>
        TensorPrimitives.Sigmoid(z[..examples], a);

    public double SummedLoss(ReadOnlySpan<double> z, ReadOnlySpan<double> y, int units, int examples)
    {
        double sum = 0.0;
        for (int j = 0; j < examples; j++)
        {
            double logit = z[j];
            sum += Math.Max(logit, 0.0) + Math.Log(1.0 + Math.Exp(-Math.Abs(logit))) - (y[j] == 1.0 ? logit : 0.0);
        }

        return sum;
    }

    public void OutputGradient(ReadOnlySpan<double> a, ReadOnlySpan<double> y, Span<double> dz, int units, int examples)
    {
        for (int j = 0; j < examples; j++)
        {
            dz[j] = a[j] - y[j];
        }
    }

    public int Predict(ReadOnlySpan<double> a, int units, int examples, int j) => a[j] > 0.5 ? 1 : 0;
}
