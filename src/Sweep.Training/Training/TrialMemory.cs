using Sweep.Training.GradientChecking;
using Sweep.Training.Networks;

namespace Sweep.Training.Training;

/// <summary>What one trial needs in memory at its peak, and its largest single array.</summary>
/// <param name="Bytes">The peak: data, its normalized copy and the parameters, plus the largest of the gradient check,
/// training and evaluation working sets (each is garbage once its phase ends).</param>
/// <param name="Parameters">The network's weights and biases.</param>
/// <param name="LargestArrayElements">The longest array the trial allocates, to compare with <see cref="Array.MaxLength"/>.</param>
public sealed record TrialMemoryEstimate(long Bytes, long Parameters, long LargestArrayElements)
{
    /// <summary>Whether every array the trial allocates fits in one .NET array.</summary>
    public bool FitsInArrays => LargestArrayElements <= Array.MaxLength;
}

/// <summary>
/// Estimates from the shapes alone, in 64-bit arithmetic, what <see cref="TrialRunner.Run"/> allocates: so a sweep
/// file can refuse a trial that cannot fit before anything runs. It counts the trainer's buffers as they are
/// allocated (parameters, gradient, optimizer state, the per-layer Z, A and delta of a batch and, under dropout, the
/// masks and pre-dropout activations), the gradient check's (two gradients, a workspace and a clean copy of Z and A
/// for its examples), evaluation's chunks, and the data with its normalized copy. Small objects (records, the
/// per-layer bookkeeping) are left out: for any trial near a memory limit they are far below 1%.
/// </summary>
public static class TrialMemory
{
    /// <summary>The examples <see cref="NetworkEvaluator"/> runs at once.</summary>
    private const int EvaluationChunk = 2048;

    /// <param name="layerSizes">Input, hidden and output sizes.</param>
    /// <param name="trainExamples">Training examples.</param>
    /// <param name="testExamples">Test examples.</param>
    /// <param name="options">The trial's training options (batch size, optimizer, dropout).</param>
    /// <param name="gradientCheck">The check's options, or null when it is off.</param>
    /// <param name="normalize">Whether the trial normalizes (a normalized copy of the data).</param>
    /// <param name="validationExamples">Validation examples held out of the training data (not in <paramref name="trainExamples"/>).</param>
    public static TrialMemoryEstimate Estimate(
        IReadOnlyList<int> layerSizes, int trainExamples, int testExamples, TrainingOptions options, GradientCheckOptions? gradientCheck, bool normalize,
        int validationExamples = 0)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return Count(layerSizes, trainExamples, testExamples, validationExamples, options, gradientCheck, normalize);
        }
        catch (OverflowException)
        {
            // Sizes near 2^31 in every layer: beyond any machine, and refused alike.
            return new TrialMemoryEstimate(long.MaxValue, NetworkArchitecture.CountParameters(layerSizes), long.MaxValue);
        }
    }

    private static TrialMemoryEstimate Count(
        IReadOnlyList<int> layerSizes, int trainExamples, int testExamples, int validationExamples, TrainingOptions options, GradientCheckOptions? gradientCheck, bool normalize)
    {
        checked
        {
            long parameters = NetworkArchitecture.CountParameters(layerSizes);
            int inputs = layerSizes[0];
            long data = DataBytes(inputs, trainExamples, testExamples, validationExamples) * (normalize ? 2 : 1);

            int batch = options.BatchSize == 0 || options.BatchSize >= trainExamples ? trainExamples : options.BatchSize;
            long optimizerState = options.Optimizer.Name.Trim().ToLowerInvariant() switch
            {
                "adam" => 2 * parameters,
                "momentum" => parameters,
                _ => 0,
            };
            long trainingSlab = Workspace(layerSizes, batch, options.UsesDropout);
            long training = 8 * (parameters + optimizerState + trainingSlab)
                + (batch < trainExamples ? ((8L * inputs) + 4) * batch : 0) + (4L * trainExamples);

            long checking = 0, checkingSlab = 0;
            if (gradientCheck is not null)
            {
                int used = Math.Min(trainExamples, gradientCheck.MaxExamples);
                checkingSlab = Workspace(layerSizes, used, options.UsesDropout);
                long cleanCopies = 2L * Units(layerSizes) * used;
                checking = (8 * ((2 * parameters) + checkingSlab + cleanCopies + ((long)inputs * used))) + parameters;
            }

            long evaluationSlab = Workspace(layerSizes, EvaluationChunk, dropout: false);
            long evaluation = 8 * (evaluationSlab + ((long)inputs * EvaluationChunk));
            long bytes = data + (8 * parameters) + Math.Max(training, Math.Max(checking, evaluation));

            long largestData = (long)inputs * Math.Max(trainExamples, Math.Max(testExamples, validationExamples));
            long largest = new[] { parameters, trainingSlab, checkingSlab, evaluationSlab, largestData }.Max();
            return new TrialMemoryEstimate(bytes, parameters, largest);
        }
    }

    /// <summary>The data as it sits in memory: 8 bytes per feature value and 4 per label, train, test and validation.</summary>
    public static long DataBytes(int features, int trainExamples, int testExamples, int validationExamples = 0) =>
        checked(((8L * features) + 4) * ((long)trainExamples + testExamples + validationExamples));

    /// <summary>
    /// A <see cref="Propagation"/> workspace's doubles: Z, A and delta per layer for <paramref name="capacity"/>
    /// examples and, under dropout, a mask and the pre-dropout activations per hidden layer.
    /// </summary>
    private static long Workspace(IReadOnlyList<int> layerSizes, int capacity, bool dropout)
    {
        long doubles = 0;
        for (int l = 1; l < layerSizes.Count; l++)
        {
            int buffers = dropout && l < layerSizes.Count - 1 ? 5 : 3;
            doubles = checked(doubles + (buffers * (long)layerSizes[l] * capacity));
        }

        return doubles;
    }

    private static long Units(IReadOnlyList<int> layerSizes) => layerSizes.Skip(1).Sum(u => (long)u);
}
