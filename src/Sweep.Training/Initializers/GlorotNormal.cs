using Sweep.Training.Random;

namespace Sweep.Training.Initializers;

/// <summary>Glorot and Bengio (2010), "Xavier": <c>W = randn(n_out, n_in) * sqrt(2 / (n_in + n_out))</c>.</summary>
public sealed class GlorotNormal : IInitializer
{
    public string Name => "xavier";

    public void Initialize(Span<double> weights, int fanOut, int fanIn, RandomSource random)
    {
        double scale = Math.Sqrt(2.0 / (fanIn + fanOut));
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = random.NextGaussian() * scale;
        }
    }
}
