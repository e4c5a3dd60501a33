using Sweep.Training.Normalization;

namespace Sweep.Training.Networks;

/// <summary>
/// Runs a network forward without dropout over any number of examples, in chunks so that memory stays bounded
/// whatever the data set's size. Its buffers are reused across calls; one instance belongs to one thread.
/// </summary>
public sealed class NetworkEvaluator
{
    private const int ChunkSize = 2048;

    private readonly NetworkArchitecture _architecture;
    private readonly Propagation _propagation;
    private readonly double[] _chunkInput;

    public NetworkEvaluator(NetworkArchitecture architecture)
    {
        _architecture = architecture;
        _propagation = new Propagation(architecture, ChunkSize, withDropout: false, keepsHiddenLogits: false);
        _chunkInput = new double[architecture.InputSize * ChunkSize];
    }

    /// <summary>
    /// The fraction of examples whose predicted class equals the label, and the mean cross-entropy (no L2 term).
    /// </summary>
    /// <param name="y">The class index (as a number) of every example.</param>
    public Evaluation Evaluate(double[] parameters, double[] features, double[] y)
    {
        int examples = y.Length;
        int correct = 0;
        double loss = 0.0;
        ForEachChunk(parameters, features, examples, (start, count) =>
        {
            int layers = _architecture.LayerCount;
            ReadOnlySpan<double> chunkY = y.AsSpan(start, count);
            loss += _architecture.Output.SummedLoss(_propagation.Logits(layers, count), chunkY, _architecture.OutputSize, count);
            ReadOnlySpan<double> output = _propagation.Activations(layers, count);
            for (int j = 0; j < count; j++)
            {
                if (_architecture.Output.Predict(output, _architecture.OutputSize, count, j) == chunkY[j])
                {
                    correct++;
                }
            }
        });

        return new Evaluation((double)correct / examples, loss / examples);
    }

    /// <summary>
    /// A regression's cost <c>(1/2m) sum (a - y')^2</c> on the standardized target y' (the training objective
    /// without L2), and its root mean squared error and R^2 in the target's own units: each prediction and target
    /// mapped back by <paramref name="scaling"/>.
    /// </summary>
    /// <param name="targets">The target of every example in its own units.</param>
    public Evaluation EvaluateValues(double[] parameters, double[] features, double[] targets, TargetScaling scaling)
    {
        int examples = targets.Length;
        double[] standardized = scaling.Standardize(targets);
        double loss = 0.0;
        double squaredError = 0.0;
        ForEachChunk(parameters, features, examples, (start, count) =>
        {
            int layers = _architecture.LayerCount;
            loss += _architecture.Output.SummedLoss(_propagation.Logits(layers, count), standardized.AsSpan(start, count), 1, count);
            ReadOnlySpan<double> output = _propagation.Activations(layers, count);
            for (int j = 0; j < count; j++)
            {
                double error = scaling.ToOwnUnits(output[j]) - targets[start + j];
                squaredError += error * error;
            }
        });

        double mean = 0.0;
        foreach (double y in targets)
        {
            mean += y;
        }

        mean /= examples;
        double total = 0.0;
        foreach (double y in targets)
        {
            total += (y - mean) * (y - mean);
        }

        return new Evaluation(null, loss / examples)
        {
            Rmse = Math.Sqrt(squaredError / examples),
            R2 = total > 0.0 ? 1.0 - squaredError / total : double.NaN,
        };
    }

    /// <summary>The predicted value of every example in the target's own units.</summary>
    public double[] PredictValues(double[] parameters, double[] features, int examples, TargetScaling scaling)
    {
        var predictions = new double[examples];
        ForEachChunk(parameters, features, examples, (start, count) =>
        {
            ReadOnlySpan<double> output = _propagation.Activations(_architecture.LayerCount, count);
            for (int j = 0; j < count; j++)
            {
                predictions[start + j] = scaling.ToOwnUnits(output[j]);
            }
        });

        return predictions;
    }

    /// <summary>The predicted class index of every example.</summary>
    public int[] Predict(double[] parameters, double[] features, int examples)
    {
        var predictions = new int[examples];
        ForEachChunk(parameters, features, examples, (start, count) =>
        {
            ReadOnlySpan<double> output = _propagation.Activations(_architecture.LayerCount, count);
            for (int j = 0; j < count; j++)
            {
                predictions[start + j] = _architecture.Output.Predict(output, _architecture.OutputSize, count, j);
            }
        });

        return predictions;
    }

    /// <summary>The output layer's activations, outputs x examples (for sigmoid: P(class 1) per example).</summary>
    public double[] PredictProbabilities(double[] parameters, double[] features, int examples)
    {
        int units = _architecture.OutputSize;
        var probabilities = new double[units * examples];
        ForEachChunk(parameters, features, examples, (start, count) =>
        {
            ReadOnlySpan<double> output = _propagation.Activations(_architecture.LayerCount, count);
            for (int u = 0; u < units; u++)
            {
                output.Slice(u * count, count).CopyTo(probabilities.AsSpan(u * examples + start, count));
            }
        });

        return probabilities;
    }

    private void ForEachChunk(double[] parameters, double[] features, int examples, Action<int, int> afterForward)
    {
        int inputs = _architecture.InputSize;
        if (features.Length != inputs * examples)
        {
            throw new ArgumentException($"the network takes {inputs} features per example; got {features.Length} values for {examples} examples");
        }

        for (int start = 0; start < examples; start += ChunkSize)
        {
            int count = Math.Min(ChunkSize, examples - start);
            for (int f = 0; f < inputs; f++)
            {
                features.AsSpan(f * examples + start, count).CopyTo(_chunkInput.AsSpan(f * count, count));
            }

            _propagation.Forward(parameters, _chunkInput, count, dropout: false);
            afterForward(start, count);
        }
    }
}
