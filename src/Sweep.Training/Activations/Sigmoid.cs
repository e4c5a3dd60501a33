using System.Numerics.Tensors;

namespace Sweep.Training.Activations;

/// <summary><c>g(z) = 1 / (1 + e^-z)</c>; <c>g'(z) = a (1 - a)</c>.</summary>
public sealed class Sigmoid : IActivation
{
    public string Name => "sigmoid";

    public bool HasKinkAtZero => false;

    public void Forward(ReadOnlySpan<double> z, Span<double> a) => TensorPrimitives.Sigmoid(z, a);

    public void Backward(ReadOnlySpan<double> z, ReadOnlySpan<double> a, ReadOnlySpan<double> da, Span<double> dz)
    {
        for (int i = 0; i < a.Length; i++)
        {
            dz[i] = da[i] * a[i] * (1.0 - a[i]);
        }
    }
}
