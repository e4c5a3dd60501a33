using Sweep.Training.Random;

namespace Sweep.Training.Initializers;

/// <summary>
/// The uniform family: <c>W ~ U(-limit, limit)</c> drawn as <c>-limit + 2 limit * rand()</c> (NumPy's
/// <c>uniform</c>), with <c>limit = sqrt(numerator / fan)</c>: He uniform sqrt(6/n_in), Glorot uniform
/// sqrt(6/(n_in+n_out)), LeCun uniform sqrt(3/n_in).
/// </summary>
public sealed class ScaledUniform : IInitializer
{
    private readonly double _numerator;
    private readonly bool _fanInPlusFanOut;

    private ScaledUniform(string name, double numerator, bool fanInPlusFanOut)
    {
        Name = name;
        _numerator = numerator;
        _fanInPlusFanOut = fanInPlusFanOut;
    }

    public static ScaledUniform HeUniform { get; } = new("he_uniform", 6.0, fanInPlusFanOut: false);

    public static ScaledUniform GlorotUniform { get; } = new("glorot_uniform", 6.0, fanInPlusFanOut: true);

    public static ScaledUniform LeCunUniform { get; } = new("lecun_uniform", 3.0, fanInPlusFanOut: false);

    public string Name { get; }

    public void Initialize(Span<double> weights, int fanOut, int fanIn, RandomSource random)
    {
        double limit = Math.Sqrt(_numerator / (_fanInPlusFanOut ? fanIn + fanOut : fanIn));
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = -limit + 2.0 * limit * random.NextDouble();
        }
    }
}
