using System.Numerics.Tensors;
using Sweep.Training.Kernels;

namespace Sweep.Training.Activations;

/// <summary><c>g(z) = max(0, z)</c>; <c>g'(z) = 1 if z &gt; 0 else 0</c> (0 at the kink, as the course does).</summary>
public sealed class Relu : IActivation
{
    public string Name => "relu";

    public bool HasKinkAtZero => true;

    public void Forward(ReadOnlySpan<double> z, Span<double> a) => TensorPrimitives.Max(z, 0.0, a);

    public void Backward(ReadOnlySpan<double> z, ReadOnlySpan<double> a, ReadOnlySpan<double> da, Span<double> dz) =>
        Elementwise.MaskWherePositive(z, da, dz);
}
