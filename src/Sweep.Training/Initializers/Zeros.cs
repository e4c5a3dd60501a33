using Sweep.Training.Random;

namespace Sweep.Training.Initializers;

/// <summary>W = 0: every hidden unit computes the same thing, the symmetry the course warns about.</summary>
public sealed class Zeros : IInitializer
{
    public string Name => "zeros";

    public void Initialize(Span<double> weights, int fanOut, int fanIn, RandomSource random) => weights.Clear();
}
