using Sweep.Training.Random;

namespace Sweep.Training.Initializers;

/// <summary>
/// LeCun: <c>W = randn(n_out, n_in) / sqrt(n_in)</c>, divided as the course's regularization notebook does
/// (its text calls this "Xavier"; it is not Glorot's).
/// </summary>
public sealed class LeCunNormal : IInitializer
{
    public string Name => "lecun";

    public void Initialize(Span<double> weights, int fanOut, int fanIn, RandomSource random)
    {
        double divisor = Math.Sqrt(fanIn);
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = random.NextGaussian() / divisor;
        }
    }
}
