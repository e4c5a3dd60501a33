using Sweep.Training.Activations;
using Sweep.Training.Losses;

namespace Sweep.Training.Networks;

/// <summary>
/// The shape of a fully connected network: layer sizes (input first), one hidden activation, and an output layer.
/// Layers are numbered 1..L as in the course; layer l has W_l (n_l x n_(l-1)) and b_l (n_l). All parameters live in
/// one flat vector in the order W1, b1, W2, b2, ... (each row-major), the order gradient checking uses.
/// </summary>
public sealed class NetworkArchitecture
{
    private readonly int[] _sizes;
    private readonly int[] _weightOffsets;
    private readonly int[] _biasOffsets;

    public NetworkArchitecture(IReadOnlyList<int> layerSizes, IActivation hiddenActivation, IOutputLayer output)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        if (layerSizes.Count < 2)
        {
            throw new ArgumentException("a network needs at least an input and an output layer", nameof(layerSizes));
        }

        for (int l = 0; l < layerSizes.Count; l++)
        {
            if (layerSizes[l] <= 0)
            {
                throw new ArgumentException($"layer {l} has {layerSizes[l]} units: every layer needs at least one", nameof(layerSizes));
            }
        }

        _sizes = [.. layerSizes];
        HiddenActivation = hiddenActivation;
        Output = output;
        _weightOffsets = new int[_sizes.Length];
        _biasOffsets = new int[_sizes.Length];
        long count = CountParameters(_sizes);
        if (count > Array.MaxLength)
        {
            throw new ArgumentException(
                $"[{string.Join(",", _sizes)}] has {count} parameters, more than one .NET array holds ({Array.MaxLength})", nameof(layerSizes));
        }

        // Every offset is at most the count, which fits an int now.
        int offset = 0;
        for (int l = 1; l < _sizes.Length; l++)
        {
            _weightOffsets[l] = offset;
            offset += _sizes[l] * _sizes[l - 1];
            _biasOffsets[l] = offset;
            offset += _sizes[l];
        }

        ParameterCount = offset;
    }

    /// <summary>
    /// The weights and biases of a network of these layer sizes, in 64-bit arithmetic: [65536, 65536] hidden layers
    /// alone have 2^32 weights, which 32 bits wrap to a small or zero count. Saturates at <see cref="long.MaxValue"/>.
    /// </summary>
    public static long CountParameters(IReadOnlyList<int> layerSizes)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        long count = 0;
        try
        {
            for (int l = 1; l < layerSizes.Count; l++)
            {
                count = checked(count + ((long)layerSizes[l] * layerSizes[l - 1]) + layerSizes[l]);
            }
        }
        catch (OverflowException)
        {
            // Only absurd sizes get here (three layers of 2^31 units); any count this large is refused alike.
            return long.MaxValue;
        }

        return count;
    }

    /// <summary>Layer sizes, input first.</summary>
    public IReadOnlyList<int> LayerSizes => _sizes;

    /// <summary>L, the number of layers with parameters.</summary>
    public int LayerCount => _sizes.Length - 1;

    public int InputSize => _sizes[0];

    public int OutputSize => _sizes[^1];

    public IActivation HiddenActivation { get; }

    public IOutputLayer Output { get; }

    public int ParameterCount { get; }

    /// <summary>n_l, the units of layer l (0 is the input).</summary>
    public int Units(int layer) => _sizes[layer];

    public int WeightOffset(int layer) => _weightOffsets[layer];

    public int BiasOffset(int layer) => _biasOffsets[layer];

    public int WeightCount(int layer) => _sizes[layer] * _sizes[layer - 1];

    /// <summary>W_l inside a flat parameter (or gradient) vector.</summary>
    public Span<double> Weights(double[] parameters, int layer) =>
        parameters.AsSpan(_weightOffsets[layer], WeightCount(layer));

    /// <summary>b_l inside a flat parameter (or gradient) vector.</summary>
    public Span<double> Biases(double[] parameters, int layer) =>
        parameters.AsSpan(_biasOffsets[layer], _sizes[layer]);

    /// <summary>Which layer, row and column (-1 for a bias) a flat parameter index belongs to.</summary>
    public ParameterPosition Locate(int index)
    {
        for (int l = 1; l <= LayerCount; l++)
        {
            if (index < _biasOffsets[l])
            {
                int within = index - _weightOffsets[l];
                return new ParameterPosition(l, within / _sizes[l - 1], within % _sizes[l - 1]);
            }

            if (index < _biasOffsets[l] + _sizes[l])
            {
                return new ParameterPosition(l, index - _biasOffsets[l], -1);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(index), index, $"the network has {ParameterCount} parameters");
    }

    public override string ToString() =>
        $"[{string.Join(",", _sizes)}] {HiddenActivation.Name} -> {Output.Name}";
}

/// <summary>A parameter's place: layer l (1-based), row, and column (-1 for the bias b_l[row]).</summary>
public readonly record struct ParameterPosition(int Layer, int Row, int Column)
{
    public override string ToString() => Column < 0 ? $"b{Layer}[{Row}]" : $"W{Layer}[{Row},{Column}]";
}
