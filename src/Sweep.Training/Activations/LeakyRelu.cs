namespace Sweep.Training.Activations;

/// <summary><c>g(z) = z if z &gt; 0 else slope * z</c> with slope 0.01; <c>g'(z) = 1 or slope</c>.</summary>
public sealed class LeakyRelu : IActivation
{
    public const double Slope = 0.01;

    public string Name => "leaky_relu";

    public bool HasKinkAtZero => true;

    public void Forward(ReadOnlySpan<double> z, Span<double> a)
    {
        for (int i = 0; i < z.Length; i++)
        {
            a[i] = z[i] > 0 ? z[i] : Slope * z[i];
        }
    }

    public void Backward(ReadOnlySpan<double> z, ReadOnlySpan<double> a, ReadOnlySpan<double> da, Span<double> dz)
    {
        for (int i = 0; i < z.Length; i++)
        {
            dz[i] = z[i] > 0 ? da[i] : Slope * da[i];
        }
    }
}
