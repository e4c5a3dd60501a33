using Sweep.Training.Random;

namespace Sweep.Training.Initializers;

/// <summary>He et al. (2015): <c>W = randn(n_out, n_in) * sqrt(2 / n_in)</c>, written as the course writes it.</summary>
public sealed class HeNormal : IInitializer
{
    public string Name => "he";

    public void Initialize(Span<double> weights, int fanOut, int fanIn, RandomSource random)
    {
        double scale = Math.Sqrt(2.0 / fanIn);
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = random.NextGaussian() * scale;
        }
    }
}
