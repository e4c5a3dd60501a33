using MathNet.Numerics.LinearAlgebra;
using Sweep.Training.Networks;
using Sweep.Training.Random;

namespace Sweep.Training.Tests.Reference;

/// <summary>
/// Inverted-dropout masks D_l for the hidden layers l = 1..L-1, each entry 0 or 1/keep_prob, n_l x m.
/// </summary>
internal sealed class ReferenceDropoutMasks
{
    private readonly Matrix<double>[] _masks;

    private ReferenceDropoutMasks(Matrix<double>[] masks) => _masks = masks;

    /// <summary>D_l for hidden layer l (1-based).</summary>
    public Matrix<double> D(int layer) => _masks[layer];

    /// <summary>
    /// The course's <c>D = np.random.rand(n_l, m) &lt; keep_prob</c> for l = 1..L-1 in that order, each drawn
    /// row-major from one stream, stored divided by keep_prob.
    /// </summary>
    public static ReferenceDropoutMasks Draw(NetworkArchitecture architecture, int examples, double keepProb, RandomSource random)
    {
        var masks = new Matrix<double>[architecture.LayerCount];
        for (int l = 1; l < architecture.LayerCount; l++)
        {
            var mask = Matrix<double>.Build.Dense(architecture.Units(l), examples);
            for (int row = 0; row < mask.RowCount; row++)
            {
                for (int column = 0; column < examples; column++)
                {
                    mask[row, column] = random.NextDouble() < keepProb ? 1.0 / keepProb : 0.0;
                }
            }

            masks[l] = mask;
        }

        return new ReferenceDropoutMasks(masks);
    }

    /// <summary>The masks exactly as they are held in an engine workspace (units x examples, row-major).</summary>
    public static ReferenceDropoutMasks FromEngine(NetworkArchitecture architecture, Propagation propagation, int examples)
    {
        var masks = new Matrix<double>[architecture.LayerCount];
        for (int l = 1; l < architecture.LayerCount; l++)
        {
            masks[l] = Matrix<double>.Build.DenseOfRowMajor(architecture.Units(l), examples, propagation.Mask(l, examples).ToArray());
        }

        return new ReferenceDropoutMasks(masks);
    }
}
