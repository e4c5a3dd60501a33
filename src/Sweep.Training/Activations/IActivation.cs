namespace Sweep.Training.Activations;

/// <summary>A hidden-layer activation g, applied elementwise.</summary>
public interface IActivation
{
    /// <summary>The name used in sweep files and saved models.</summary>
    string Name { get; }

    /// <summary><c>a = g(z)</c>.</summary>
    void Forward(ReadOnlySpan<double> z, Span<double> a);

    /// <summary>
    /// <c>dz = da * g'(z)</c>, given z and <c>a = g(z)</c> (whichever is cheaper to differentiate from).
    /// <paramref name="da"/> and <paramref name="dz"/> may be the same span.
    /// </summary>
    void Backward(ReadOnlySpan<double> z, ReadOnlySpan<double> a, ReadOnlySpan<double> da, Span<double> dz);
}
