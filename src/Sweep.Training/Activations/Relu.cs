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

    /// <summary>One pass, and nothing kept: ReLU's derivative needs only z.</summary>
    public void ForwardMasked(ReadOnlySpan<double> z, ReadOnlySpan<double> mask, Span<double> activated, Span<double> a) =>
        Elementwise.ReluTimesMask(z, mask, a);

    public void BackwardMasked(ReadOnlySpan<double> z, ReadOnlySpan<double> activated, ReadOnlySpan<double> mask, ReadOnlySpan<double> da, Span<double> dz) =>
        Elementwise.MaskedWherePositive(z, mask, da, dz);
}
