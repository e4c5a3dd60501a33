namespace Sweep.Training.Activations;

/// <summary>A hidden-layer activation g, applied elementwise.</summary>
public interface IActivation
{
    /// <summary>The name used in sweep files and saved models.</summary>
    string Name { get; }

    /// <summary>
    /// True when g' jumps at z = 0 (ReLU's kink). Backprop then uses the derivative of the side <c>z &gt; 0</c>
    /// selects, and a finite difference across 0 measures a mix of both sides: the gradient check must know.
    /// </summary>
    bool HasKinkAtZero { get; }

    /// <summary><c>a = g(z)</c>.</summary>
    void Forward(ReadOnlySpan<double> z, Span<double> a);

    /// <summary>
    /// <c>dz = da * g'(z)</c>, given z and <c>a = g(z)</c> (whichever is cheaper to differentiate from).
    /// <paramref name="da"/> and <paramref name="dz"/> may be the same span.
    /// </summary>
    void Backward(ReadOnlySpan<double> z, ReadOnlySpan<double> a, ReadOnlySpan<double> da, Span<double> dz);

    /// <summary>
    /// Inverted dropout's forward pass: <c>activated = g(z)</c> (kept for <see cref="BackwardMasked"/>) and
    /// <c>a = activated * mask</c>. An activation whose derivative needs only z may skip <paramref name="activated"/>.
    /// </summary>
    void ForwardMasked(ReadOnlySpan<double> z, ReadOnlySpan<double> mask, Span<double> activated, Span<double> a)
    {
        Forward(z, activated);
        System.Numerics.Tensors.TensorPrimitives.Multiply(activated, mask, a);
    }

    /// <summary>Inverted dropout's backward pass: <c>dz = (da * mask) * g'(z)</c>, with <c>activated = g(z)</c>.</summary>
    void BackwardMasked(ReadOnlySpan<double> z, ReadOnlySpan<double> activated, ReadOnlySpan<double> mask, ReadOnlySpan<double> da, Span<double> dz)
    {
        System.Numerics.Tensors.TensorPrimitives.Multiply(da, mask, dz);
        Backward(z, activated, dz, dz);
    }
}
