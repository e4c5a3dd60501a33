using System.Numerics.Tensors;

namespace Sweep.Training.Activations;

/// <summary><c>g(z) = tanh(z)</c>; <c>g'(z) = 1 - a^2</c>.</summary>
public sealed class Tanh : IActivation
{
    public string Name => "tanh";

    public bool HasKinkAtZero => false;

    public void Forward(ReadOnlySpan<double> z, Span<double> a) => TensorPrimitives.Tanh(z, a);

    public void Backward(ReadOnlySpan<double> z, ReadOnlySpan<double> a, ReadOnlySpan<double> da, Span<double> dz)
    {
        for (int i = 0; i < a.Length; i++)
        {
            dz[i] = da[i] * (1.0 - a[i] * a[i]);
        }
    }
}
