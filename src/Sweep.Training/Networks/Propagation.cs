using System.Numerics.Tensors;
using Sweep.Training.Activations;
using Sweep.Training.Kernels;

namespace Sweep.Training.Networks;

/// <summary>
/// Forward and backward propagation over one batch with buffers allocated once per layer and reused, so an
/// iteration allocates nothing. Matrices are units x examples, row-major, as the course's are; a batch smaller than
/// the capacity uses the leading part of each buffer. One instance belongs to one thread.
/// </summary>
public sealed class Propagation
{
    private readonly NetworkArchitecture _architecture;
    private readonly ArraySegment<double>[] _z;
    private readonly ArraySegment<double>[] _a;
    private readonly ArraySegment<double>[]? _activated;
    private readonly ArraySegment<double>[] _delta;
    private readonly ArraySegment<double>[]? _masks;

    /// <summary>ReLU hidden layers run their activation, mask and derivative inside the products (the fused steps of
    /// <see cref="Gemm"/>) while the layer is small enough to be processed whole.</summary>
    private readonly bool _fusedRelu;
    private readonly bool _keepsHiddenLogits;

    /// <param name="architecture">The network.</param>
    /// <param name="capacity">The largest batch (examples) this workspace serves.</param>
    /// <param name="withDropout">Whether to keep dropout masks and the pre-dropout activations that g' needs.</param>
    /// <param name="keepsHiddenLogits">Whether <see cref="Logits"/> serves the hidden layers too. Training needs only
    /// the output layer's, and a ReLU layer then skips writing Z.</param>
    public Propagation(NetworkArchitecture architecture, int capacity, bool withDropout, bool keepsHiddenLogits = true)
    {
        _architecture = architecture;
        _keepsHiddenLogits = keepsHiddenLogits;
        _fusedRelu = architecture.HiddenActivation is Relu;
        Capacity = capacity;
        int layers = architecture.LayerCount;
        _z = new ArraySegment<double>[layers + 1];
        _a = new ArraySegment<double>[layers + 1];
        _delta = new ArraySegment<double>[layers + 1];
        if (withDropout)
        {
            _activated = new ArraySegment<double>[layers + 1];
            _masks = new ArraySegment<double>[layers + 1];
        }

        // Reserved layer by layer in the order the passes use them, then handed out from one array.
        var layout = new StaggeredBuffers();
        var reserved = new List<(ArraySegment<double>[] Buffers, int Layer, int Index)>();
        for (int l = 1; l <= layers; l++)
        {
            long size = (long)architecture.Units(l) * capacity;
            foreach (ArraySegment<double>[]? buffers in new[] { _z, _a, _delta, l < layers ? _activated : null, l < layers ? _masks : null })
            {
                if (buffers is not null)
                {
                    reserved.Add((buffers, l, layout.Reserve(size)));
                }
            }
        }

        ArraySegment<double>[] allocated = layout.Allocate();
        foreach (var (buffers, layer, index) in reserved)
        {
            buffers[layer] = allocated[index];
        }
    }

    public int Capacity { get; }

    /// <summary>
    /// The value of a kept unit in the masks, 1/keep_prob, set by <see cref="Regularization.Dropout"/> as it draws
    /// them: a ReLU layer's backward step multiplies by it where the layer's output is positive (only kept units can
    /// be) instead of reading the mask again. NaN until masks are drawn.
    /// </summary>
    internal double KeptScale { get; set; } = double.NaN;

    public bool HasDropout => _masks is not null;

    /// <summary>
    /// The dropout mask of hidden layer l for a batch of <paramref name="examples"/>: each entry 0 or 1/keep_prob
    /// (inverted dropout), units x examples. Filled by the caller before <see cref="Forward"/>.
    /// </summary>
    public Span<double> Mask(int layer, int examples) =>
        _masks is null ? throw new InvalidOperationException("this workspace has no dropout")
            : _masks[layer].AsSpan(0, _architecture.Units(layer) * examples);

    /// <summary>Z_l of the last forward pass; a hidden layer's only if this workspace keeps hidden logits.</summary>
    public ReadOnlySpan<double> Logits(int layer, int examples) =>
        layer < _architecture.LayerCount && !_keepsHiddenLogits
            ? throw new InvalidOperationException("this workspace does not keep the hidden layers' logits")
            : _z[layer].AsSpan(0, _architecture.Units(layer) * examples);

    /// <summary>A_l of the last forward pass (after dropout for hidden layers).</summary>
    public ReadOnlySpan<double> Activations(int layer, int examples) => _a[layer].AsSpan(0, _architecture.Units(layer) * examples);

    /// <summary>
    /// <c>Z_l = W_l A_(l-1) + b_l</c>, <c>A_l = g(Z_l)</c> for l = 1..L, with inverted dropout
    /// <c>A_l = g(Z_l) * mask_l</c> on hidden layers when <paramref name="dropout"/> is set.
    /// </summary>
    public void Forward(double[] parameters, ReadOnlySpan<double> input, int examples, bool dropout)
    {
        ReadOnlySpan<double> previous = input[..(_architecture.InputSize * examples)];
        for (int l = 1; l <= _architecture.LayerCount; l++)
        {
            ComputeLogits(l, parameters, previous, examples, dropout);
            previous = _a[l].AsSpan(0, _architecture.Units(l) * examples);
        }
    }

    /// <summary>
    /// Finishes a forward pass whose Z_l the caller has already written into <see cref="LogitsBuffer"/>: computes
    /// A_l and every layer above it. The gradient check uses this to recompute only what a perturbed parameter changes.
    /// </summary>
    internal void ForwardFrom(int layer, double[] parameters, int examples, bool dropout)
    {
        Activate(layer, examples, dropout, bias: []);
        for (int l = layer + 1; l <= _architecture.LayerCount; l++)
        {
            ComputeLogits(l, parameters, _a[l - 1].AsSpan(0, _architecture.Units(l - 1) * examples), examples, dropout);
        }
    }

    /// <summary>Z_l as a writable buffer, for <see cref="ForwardFrom"/>.</summary>
    internal Span<double> LogitsBuffer(int layer, int examples) => _z[layer].AsSpan(0, _architecture.Units(layer) * examples);

    /// <summary>
    /// Layers with more elements than this are processed one unit's row at a time after their matrix product, so that
    /// the bias, activation and mask passes read a row that is still in cache instead of the whole matrix from memory;
    /// smaller ones fit in cache whole and take one call per pass instead of one per row.
    /// </summary>
    private const int RowWiseElements = 32 * 1024;

    /// <summary><c>Z_l = W_l A_(l-1) + b_l</c>, then the activation (<see cref="Activate"/>).</summary>
    private void ComputeLogits(int layer, double[] parameters, ReadOnlySpan<double> previous, int examples, bool dropout)
    {
        int units = _architecture.Units(layer);
        int fanIn = _architecture.Units(layer - 1);
        Span<double> z = _z[layer].AsSpan(0, units * examples);
        ReadOnlySpan<double> weights = _architecture.Weights(parameters, layer);
        if (units * examples > RowWiseElements)
        {
            Gemm.Multiply(weights, previous, z, units, fanIn, examples, accumulate: false);
            Activate(layer, examples, dropout, _architecture.Biases(parameters, layer));
        }
        else if (_fusedRelu && layer < _architecture.LayerCount)
        {
            ReadOnlySpan<double> mask = dropout && _masks is not null ? _masks[layer].AsSpan(0, units * examples) : [];
            Gemm.MultiplyAddBiasRelu(weights, previous, _architecture.Biases(parameters, layer), mask, _keepsHiddenLogits ? z : [], _a[layer], units, fanIn, examples);
        }
        else
        {
            Gemm.MultiplyAddBias(weights, previous, _architecture.Biases(parameters, layer), z, units, fanIn, examples);
            Activate(layer, examples, dropout, bias: []);
        }
    }

    /// <summary>
    /// Adds the bias (when given) to Z_l and computes A_l, one unit's row at a time: a row of a large batch still sits
    /// in cache from the bias when the activation and the mask read it, so a layer costs one pass over memory.
    /// </summary>
    private void Activate(int layer, int examples, bool dropout, ReadOnlySpan<double> bias)
    {
        int units = _architecture.Units(layer);
        Span<double> z = _z[layer].AsSpan(0, units * examples);
        Span<double> a = _a[layer].AsSpan(0, units * examples);
        if (layer == _architecture.LayerCount)
        {
            for (int r = 0; r < bias.Length; r++)
            {
                Span<double> row = z.Slice(r * examples, examples);
                TensorPrimitives.Add(row, bias[r], row);
            }

            _architecture.Output.Activate(z, a, units, examples);
            return;
        }

        bool masked = dropout && _masks is not null;
        if (bias.IsEmpty && units * examples <= RowWiseElements)
        {
            if (masked)
            {
                _architecture.HiddenActivation.ForwardMasked(z, _masks![layer].AsSpan(0, units * examples), _activated![layer].AsSpan(0, units * examples), a);
            }
            else
            {
                _architecture.HiddenActivation.Forward(z, a);
            }

            return;
        }

        for (int r = 0; r < units; r++)
        {
            int start = r * examples;
            Span<double> zRow = z.Slice(start, examples);
            if (!bias.IsEmpty)
            {
                TensorPrimitives.Add(zRow, bias[r], zRow);
            }

            Span<double> aRow = a.Slice(start, examples);
            if (masked)
            {
                _architecture.HiddenActivation.ForwardMasked(zRow, _masks![layer].AsSpan(start, examples), _activated![layer].AsSpan(start, examples), aRow);
            }
            else
            {
                _architecture.HiddenActivation.Forward(zRow, aRow);
            }
        }
    }

    /// <summary>
    /// The training objective of the last forward pass: the mean loss (cross-entropy from the logits, or half the
    /// squared error of a linear output) plus
    /// <c>lambda/(2m) * sum_l ||W_l||_F^2</c>.
    /// </summary>
    public double Cost(double[] parameters, ReadOnlySpan<double> y, int examples, double l2Lambda)
    {
        int layers = _architecture.LayerCount;
        double loss = _architecture.Output.SummedLoss(Logits(layers, examples), y, _architecture.OutputSize, examples) / examples;
        if (l2Lambda == 0)
        {
            return loss;
        }

        double squares = 0.0;
        for (int l = 1; l <= layers; l++)
        {
            squares += TensorPrimitives.SumOfSquares<double>(_architecture.Weights(parameters, l));
        }

        return loss + l2Lambda * squares / (2.0 * examples);
    }

    /// <summary>
    /// Gradients of <see cref="Cost"/> after a forward pass over the same batch, into a flat vector laid out like
    /// the parameters: <c>dZ_L = A_L - Y</c>; <c>dW_l = (1/m) dZ_l A_(l-1)^T + (lambda/m) W_l</c>;
    /// <c>db_l = (1/m) sum_j dZ_l</c>; <c>dA_(l-1) = W_l^T dZ_l</c>, times the mask under dropout;
    /// <c>dZ_(l-1) = dA_(l-1) * g'(Z_(l-1))</c>.
    /// </summary>
    public void Backward(double[] parameters, ReadOnlySpan<double> input, ReadOnlySpan<double> y, int examples, double l2Lambda, bool dropout, double[] gradient)
    {
        int layers = _architecture.LayerCount;
        double inverseM = 1.0 / examples;
        _architecture.Output.OutputGradient(Activations(layers, examples), y, _delta[layers], _architecture.OutputSize, examples);
        Elementwise.ScaledRowSums(_delta[layers], _architecture.Biases(gradient, layers), _architecture.OutputSize, examples, inverseM);
        for (int l = layers; l >= 1; l--)
        {
            int units = _architecture.Units(l);
            int fanIn = _architecture.Units(l - 1);
            ReadOnlySpan<double> delta = _delta[l].AsSpan(0, units * examples);
            ReadOnlySpan<double> previous = l == 1 ? input[..(fanIn * examples)] : Activations(l - 1, examples);
            Span<double> weightGradient = _architecture.Weights(gradient, l);
            Gemm.MultiplyTransposedB(delta, previous, weightGradient, units, examples, fanIn, accumulate: false);
            TensorPrimitives.Multiply(weightGradient, inverseM, weightGradient);
            if (l2Lambda != 0)
            {
                TensorPrimitives.MultiplyAdd(_architecture.Weights(parameters, l), l2Lambda * inverseM, weightGradient, weightGradient);
            }

            if (l == 1)
            {
                break;
            }

            Span<double> previousDelta = _delta[l - 1].AsSpan(0, fanIn * examples);
            bool masked = dropout && _masks is not null;
            Span<double> biasGradient = _architecture.Biases(gradient, l - 1);
            int size = fanIn * examples;
            if (_fusedRelu && size <= RowWiseElements)
            {
                if (masked && double.IsNaN(KeptScale))
                {
                    throw new InvalidOperationException("dropout masks must be drawn by Dropout.Prepare before a backward pass");
                }

                Gemm.MultiplyTransposedAReluGate(_architecture.Weights(parameters, l), delta, _a[l - 1].AsSpan(0, size), masked ? KeptScale : 1.0, previousDelta, fanIn, units, examples);
                Elementwise.ScaledRowSums(previousDelta, biasGradient, fanIn, examples, inverseM);
                continue;
            }

            Gemm.MultiplyTransposedA(_architecture.Weights(parameters, l), delta, previousDelta, fanIn, units, examples, accumulate: false);
            ArraySegment<double> activated = masked ? _activated![l - 1] : _a[l - 1];
            if (size <= RowWiseElements)
            {
                if (masked)
                {
                    _architecture.HiddenActivation.BackwardMasked(_z[l - 1].AsSpan(0, size), activated.AsSpan(0, size), _masks![l - 1].AsSpan(0, size), previousDelta, previousDelta);
                }
                else
                {
                    _architecture.HiddenActivation.Backward(_z[l - 1].AsSpan(0, size), activated.AsSpan(0, size), previousDelta, previousDelta);
                }

                Elementwise.ScaledRowSums(previousDelta, biasGradient, fanIn, examples, inverseM);
                continue;
            }

            // One unit's row at a time, while it is in cache: the mask, g', and the row sum that is db_(l-1).
            for (int r = 0; r < fanIn; r++)
            {
                int start = r * examples;
                Span<double> row = previousDelta.Slice(start, examples);
                if (masked)
                {
                    _architecture.HiddenActivation.BackwardMasked(_z[l - 1].AsSpan(start, examples), activated.AsSpan(start, examples), _masks![l - 1].AsSpan(start, examples), row, row);
                }
                else
                {
                    _architecture.HiddenActivation.Backward(_z[l - 1].AsSpan(start, examples), activated.AsSpan(start, examples), row, row);
                }

                biasGradient[r] = inverseM * TensorPrimitives.Sum<double>(row);
            }
        }
    }
}
