namespace Sweep.Training.Activations;

/// <summary><c>g(z) = z if z &gt; 0 else alpha (e^z - 1)</c> with alpha 1; <c>g'(z) = 1 or a + alpha</c>.</summary>
public sealed class Elu : IActivation
{
    public const double Alpha = 1.0;

    public string Name => "elu";

    public bool HasKinkAtZero => false;

    public void Forward(ReadOnlySpan<double> z, Span<double> a)
    {
        for (int i = 0; i < z.Length; i++)
        {
            a[i] = z[i] > 0 ? z[i] : Alpha * double.ExpM1(z[i]);
        }
    }

    public void Backward(ReadOnlySpan<double> z, ReadOnlySpan<double> a, ReadOnlySpan<double> da, Span<double> dz)
    {
        for (int i = 0; i < z.Length; i++)
        {
            dz[i] = z[i] > 0 ? da[i] : da[i] * (a[i] + Alpha);
        }
    }
}
