using Sweep.Training.Random;

namespace Sweep.Training.Initializers;

/// <summary>
/// Draws one layer's weight matrix W (n_out x n_in, row-major, drawn in row-major order like
/// <c>randn(n_out, n_in)</c>). Biases always start at 0.
/// </summary>
public interface IInitializer
{
    /// <summary>The name used in sweep files (<c>he</c>, <c>random:10</c>, ...).</summary>
    string Name { get; }

    void Initialize(Span<double> weights, int fanOut, int fanIn, RandomSource random);
}
