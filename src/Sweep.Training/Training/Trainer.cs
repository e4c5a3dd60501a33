using System.Numerics.Tensors;
using Sweep.Training.Diagnostics;
using Sweep.Training.Networks;
using Sweep.Training.Optimizers;
using Sweep.Training.Random;
using Sweep.Training.Regularization;

namespace Sweep.Training.Training;

/// <summary>
/// Trains one network on one data set. It owns every buffer it uses (allocated here, reused at every iteration), so
/// many trainers can run side by side on their own threads; one trainer is used by one thread at a time.
/// </summary>
public sealed class Trainer
{
    private readonly NetworkArchitecture _architecture;
    private readonly TrainingOptions _options;
    private readonly double[] _features;
    private readonly double[] _y;
    private readonly int _examples;
    private readonly int _batchSize;
    private readonly Propagation _propagation;
    private readonly double[] _gradient;
    private readonly double[]? _batchFeatures;
    private readonly double[]? _batchY;

    /// <param name="architecture">The network.</param>
    /// <param name="options">Validated training options.</param>
    /// <param name="features">Training inputs, features x examples, row-major (already normalized if wanted).</param>
    /// <param name="y">Y: the class index (as a number) or the standardized target value of every example.</param>
    public Trainer(NetworkArchitecture architecture, TrainingOptions options, double[] features, double[] y)
    {
        options.Validate();
        _architecture = architecture;
        _options = options;
        _features = features;
        _y = y;
        _examples = y.Length;
        if (features.Length != architecture.InputSize * _examples)
        {
            throw new ArgumentException($"the network takes {architecture.InputSize} features, the data has {features.Length / Math.Max(_examples, 1)}");
        }

        _batchSize = options.BatchSize == 0 || options.BatchSize >= _examples ? _examples : options.BatchSize;
        _propagation = new Propagation(architecture, _batchSize, options.UsesDropout, keepsHiddenLogits: false);
        _gradient = new double[architecture.ParameterCount];
        if (_batchSize < _examples)
        {
            _batchFeatures = new double[architecture.InputSize * _batchSize];
            _batchY = new double[_batchSize];
        }
    }

    /// <summary>
    /// Runs the iterations, updating <paramref name="parameters"/> in place. At every record point the record goes to
    /// <paramref name="onRecord"/> (on this thread). Stops early on divergence or cancellation.
    /// </summary>
    public TrainingResult Train(double[] parameters, Action<TrainingRecord>? onRecord = null, CancellationToken cancellationToken = default)
    {
        var records = new List<TrainingRecord>();
        IOptimizer optimizer = _options.Optimizer.Create(_options.LearningRate, _architecture.ParameterCount);
        Dropout? dropout = _options.UsesDropout
            ? new Dropout(_architecture, _options.KeepProb, _options.DropoutMasks, RandomSources.Create(_options.Random, _options.EffectiveDropoutSeed))
            : null;
        var batches = _batchFeatures is null ? null : new BatchOrder(_examples, RandomSources.Create(_options.Random, _options.EffectiveShuffleSeed));
        int iterations = _options.Iterations;

        for (int iteration = 0; iteration < iterations; iteration++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return new TrainingResult(TrainingOutcome.Cancelled, iteration, records, parameters, null);
            }

            ReadOnlySpan<double> input = _features;
            ReadOnlySpan<double> y = _y;
            int examples = _examples;
            if (batches is not null)
            {
                examples = batches.Gather(_features, _y, _architecture.InputSize, _batchSize, _batchFeatures!, _batchY!);
                input = _batchFeatures;
                y = _batchY;
            }

            dropout?.Prepare(_propagation, examples);
            _propagation.Forward(parameters, input, examples, dropout is not null);
            _propagation.Backward(parameters, input, y, examples, _options.L2Lambda, dropout is not null, _gradient);

            double gradientNorm = Math.Sqrt(TensorPrimitives.SumOfSquares<double>(_gradient));
            bool record = iteration % _options.RecordEvery == 0 || iteration == iterations - 1;
            string? divergence = double.IsFinite(gradientNorm) ? null : $"the gradient became {Describe(gradientNorm)} at iteration {iteration}";
            if (record || divergence is not null)
            {
                double cost = _propagation.Cost(parameters, y, examples, _options.L2Lambda);
                var measured = StabilityDiagnostics.Measure(_architecture, parameters, _gradient, iteration, cost);
                records.Add(measured);
                onRecord?.Invoke(measured);
                if (divergence is null && !double.IsFinite(cost))
                {
                    divergence = $"the cost became {Describe(cost)} at iteration {iteration}";
                }
            }

            if (divergence is not null)
            {
                return new TrainingResult(TrainingOutcome.Diverged, iteration + 1, records, parameters, divergence);
            }

            if (_options.GradientClipNorm > 0 && gradientNorm > _options.GradientClipNorm)
            {
                TensorPrimitives.Multiply(_gradient, _options.GradientClipNorm / gradientNorm, _gradient);
            }

            optimizer.Update(parameters, _gradient, iteration + 1);
        }

        return new TrainingResult(TrainingOutcome.Completed, iterations, records, parameters, null);
    }

    private static string Describe(double value) => double.IsNaN(value) ? "NaN" : "infinite";

    /// <summary>Walks a shuffled order of the examples batch by batch, reshuffling at the start of every pass.</summary>
    private sealed class BatchOrder(int examples, RandomSource random)
    {
        private readonly int[] _order = new int[examples];
        private int _next = int.MaxValue;

        public int Gather(double[] features, double[] y, int featureCount, int batchSize, double[] batchFeatures, double[] batchY)
        {
            if (_next >= examples)
            {
                for (int i = 0; i < examples; i++)
                {
                    _order[i] = i;
                }

                random.Shuffle<int>(_order);
                _next = 0;
            }

            int count = Math.Min(batchSize, examples - _next);
            for (int f = 0; f < featureCount; f++)
            {
                int sourceRow = f * examples;
                int targetRow = f * count;
                for (int j = 0; j < count; j++)
                {
                    batchFeatures[targetRow + j] = features[sourceRow + _order[_next + j]];
                }
            }

            for (int j = 0; j < count; j++)
            {
                batchY[j] = y[_order[_next + j]];
            }

            _next += count;
            return count;
        }
    }
}
