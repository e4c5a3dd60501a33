using MathNet.Numerics.LinearAlgebra;
using Sweep.Training.Networks;

namespace Sweep.Training.Tests.Reference;

/// <summary>
/// The parameters (or their gradients) as the course holds them: W_l (n_l x n_(l-1)) and b_l (n_l x 1) for
/// l = 1..L, converted from and to the engine's flat vector W1, b1, W2, b2, ... (each row-major).
/// </summary>
internal sealed class ReferenceParameters
{
    private readonly Matrix<double>[] _weights;
    private readonly Matrix<double>[] _biases;

    public ReferenceParameters(int layers)
    {
        // Index 0 stays unused so that the code reads W(l), b(l) with the course's 1-based layer numbers.
        _weights = new Matrix<double>[layers + 1];
        _biases = new Matrix<double>[layers + 1];
        LayerCount = layers;
    }

    public int LayerCount { get; }

    public Matrix<double> W(int layer) => _weights[layer];

    public Matrix<double> b(int layer) => _biases[layer];

    public void Set(int layer, Matrix<double> weights, Matrix<double> biases)
    {
        _weights[layer] = weights;
        _biases[layer] = biases;
    }

    public static ReferenceParameters FromFlat(NetworkArchitecture architecture, double[] flat)
    {
        var parameters = new ReferenceParameters(architecture.LayerCount);
        for (int l = 1; l <= architecture.LayerCount; l++)
        {
            int units = architecture.Units(l);
            int fanIn = architecture.Units(l - 1);
            parameters.Set(
                l,
                Matrix<double>.Build.DenseOfRowMajor(units, fanIn, architecture.Weights(flat, l).ToArray()),
                Matrix<double>.Build.DenseOfRowMajor(units, 1, architecture.Biases(flat, l).ToArray()));
        }

        return parameters;
    }

    public double[] ToFlat(NetworkArchitecture architecture)
    {
        var flat = new double[architecture.ParameterCount];
        for (int l = 1; l <= LayerCount; l++)
        {
            W(l).ToRowMajorArray().CopyTo(architecture.Weights(flat, l));
            b(l).ToRowMajorArray().CopyTo(architecture.Biases(flat, l));
        }

        return flat;
    }
}
