namespace Sweep.Training.Activations;

/// <summary>
/// Scaled ELU (Klambauer et al., 2017): <c>g(z) = lambda * (z if z &gt; 0 else alpha (e^z - 1))</c> with the paper's
/// self-normalizing constants; <c>g'(z) = lambda or a + lambda * alpha</c>.
/// </summary>
public sealed class Selu : IActivation
{
    public const double Alpha = 1.6732632423543772848170429916717;
    public const double Lambda = 1.0507009873554804934193349852946;

    public string Name => "selu";

    public bool HasKinkAtZero => true;

    public void Forward(ReadOnlySpan<double> z, Span<double> a)
    {
        for (int i = 0; i < z.Length; i++)
        {
            a[i] = z[i] > 0 ? Lambda * z[i] : Lambda * Alpha * double.ExpM1(z[i]);
        }
    }

    public void Backward(ReadOnlySpan<double> z, ReadOnlySpan<double> a, ReadOnlySpan<double> da, Span<double> dz)
    {
        for (int i = 0; i < z.Length; i++)
        {
            dz[i] = z[i] > 0 ? da[i] * Lambda : da[i] * (a[i] + Lambda * Alpha);
        }
    }
}
