using System.Numerics.Tensors;
using Sweep.Training.Networks;

namespace Sweep.Training.GradientChecking;

/// <summary>
/// The cost with one parameter moved by a step, computed from a clean forward pass by redoing only what that
/// parameter changes. Moving <c>W_l[i,k]</c> by s adds <c>s * A_(l-1)[k,:]</c> to row i of Z_l (moving
/// <c>b_l[i]</c> adds s), so A_l changes in row i only, Z_(l+1) changes by the rank-one term
/// <c>W_(l+1)[:,i] * dA_l[i,:]</c>, and only the layers above need a full pass. This makes the check over every
/// parameter of a network with a wide first layer cost a small multiple of one forward pass per parameter of the
/// upper layers, instead of a full forward pass per parameter.
/// </summary>
internal sealed class PerturbedCost
{
    private readonly NetworkArchitecture _architecture;
    private readonly Propagation _propagation;
    private readonly double[] _parameters;
    private readonly double[] _input;
    private readonly double[] _y;
    private readonly int _examples;
    private readonly double _l2Lambda;
    private readonly bool _dropout;
    private readonly double[][] _cleanZ;
    private readonly double[][] _cleanA;
    private readonly double _weightSquares;
    private readonly double[] _rowZ;
    private readonly double[] _rowA;

    public PerturbedCost(NetworkArchitecture architecture, Propagation propagation, double[] parameters, double[] input, double[] y, double l2Lambda, bool dropout)
    {
        _architecture = architecture;
        _propagation = propagation;
        _parameters = parameters;
        _input = input;
        _y = y;
        _examples = y.Length;
        _l2Lambda = l2Lambda;
        _dropout = dropout;
        _rowZ = new double[_examples];
        _rowA = new double[_examples];

        propagation.Forward(parameters, input, _examples, dropout);
        int layers = architecture.LayerCount;
        _cleanZ = new double[layers + 1][];
        _cleanA = new double[layers + 1][];
        for (int l = 1; l <= layers; l++)
        {
            _cleanZ[l] = propagation.Logits(l, _examples).ToArray();
            _cleanA[l] = propagation.Activations(l, _examples).ToArray();
            _weightSquares += TensorPrimitives.SumOfSquares<double>(architecture.Weights(parameters, l));
        }
    }

    /// <summary>
    /// Whether the last <see cref="Evaluate"/> moved some hidden pre-activation to the other side of the activation's
    /// kink (where <c>z &gt; 0</c> changed), which makes its finite difference unreliable.
    /// </summary>
    public bool CrossedKink { get; private set; }

    /// <summary>The cost with parameter <paramref name="index"/> (flat layout) moved by <paramref name="step"/>.</summary>
    public double Evaluate(int index, double step)
    {
        CrossedKink = false;
        ParameterPosition position = _architecture.Locate(index);
        int layer = position.Layer;
        int m = _examples;
        _cleanZ[layer].AsSpan(position.Row * m, m).CopyTo(_rowZ);
        if (position.Column < 0)
        {
            TensorPrimitives.Add(_rowZ, step, _rowZ);
        }
        else
        {
            ReadOnlySpan<double> source = layer == 1
                ? _input.AsSpan(position.Column * m, m)
                : _cleanA[layer - 1].AsSpan(position.Column * m, m);
            TensorPrimitives.MultiplyAdd(source, step, _rowZ, _rowZ);
        }

        int layers = _architecture.LayerCount;
        double summedLoss;
        if (layer == layers)
        {
            Span<double> z = _propagation.LogitsBuffer(layers, m);
            _cleanZ[layers].CopyTo(z);
            _rowZ.CopyTo(z.Slice(position.Row * m, m));
            summedLoss = _architecture.Output.SummedLoss(z, _y, _architecture.OutputSize, m);
        }
        else
        {
            bool kinked = _architecture.HiddenActivation.HasKinkAtZero;
            CrossedKink = kinked && ChangesSide(_rowZ, _cleanZ[layer].AsSpan(position.Row * m, m));
            _architecture.HiddenActivation.Forward(_rowZ, _rowA);
            if (_dropout)
            {
                TensorPrimitives.Multiply(_rowA, _propagation.Mask(layer, m).Slice(position.Row * m, m), _rowA);
            }

            TensorPrimitives.Subtract(_rowA, _cleanA[layer].AsSpan(position.Row * m, m), _rowA);
            int above = layer + 1;
            Span<double> z = _propagation.LogitsBuffer(above, m);
            _cleanZ[above].CopyTo(z);
            ReadOnlySpan<double> weightsAbove = _architecture.Weights(_parameters, above);
            int units = _architecture.Units(layer);
            for (int u = 0; u < _architecture.Units(above); u++)
            {
                Span<double> row = z.Slice(u * m, m);
                TensorPrimitives.MultiplyAdd(_rowA, weightsAbove[u * units + position.Row], row, row);
            }

            _propagation.ForwardFrom(above, _parameters, m, _dropout);
            for (int l = above; kinked && !CrossedKink && l < layers; l++)
            {
                CrossedKink = ChangesSide(_propagation.Logits(l, m), _cleanZ[l]);
            }

            summedLoss = _architecture.Output.SummedLoss(_propagation.Logits(layers, m), _y, _architecture.OutputSize, m);
        }

        double cost = summedLoss / m;
        if (_l2Lambda == 0)
        {
            return cost;
        }

        double squares = _weightSquares;
        if (position.Column >= 0)
        {
            double weight = _parameters[index];
            squares += (weight + step) * (weight + step) - weight * weight;
        }

        return cost + _l2Lambda * squares / (2.0 * m);
    }

    private static bool ChangesSide(ReadOnlySpan<double> moved, ReadOnlySpan<double> clean)
    {
        for (int j = 0; j < moved.Length; j++)
        {
            if (moved[j] > 0 != clean[j] > 0)
            {
                return true;
            }
        }

        return false;
    }
}
