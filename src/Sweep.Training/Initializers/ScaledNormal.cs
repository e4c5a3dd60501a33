using Sweep.Training.Random;

namespace Sweep.Training.Initializers;

/// <summary><c>W = randn(n_out, n_in) * scale</c> with a fixed scale (the course's "random" initialization uses 10).</summary>
public sealed class ScaledNormal(double scale) : IInitializer
{
    public double Scale { get; } = scale;

    public string Name => FormattableString.Invariant($"random:{Scale}");

    public void Initialize(Span<double> weights, int fanOut, int fanIn, RandomSource random)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = random.NextGaussian() * Scale;
        }
    }
}
