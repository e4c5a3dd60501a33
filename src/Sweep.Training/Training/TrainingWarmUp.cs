using Sweep.Training.Data;
using Sweep.Training.Optimizers;
using Sweep.Training.Random;

namespace Sweep.Training.Training;

/// <summary>
/// Trains a few tiny networks for a few iterations through the same <see cref="TrialRunner.Run"/> a trial takes, so
/// that a process compiles the engine's methods before its first trial asks for them: a worker runs this while its
/// cluster forms (benchmarks/e2e/warmup.sh measures the first trial against the rest). The networks cover the default
/// path (gradient check, relu, sigmoid, gradient descent, NumPy's generator) and the common variations (dropout with
/// either generator, L2, tanh, softmax, Adam, mini-batches); what they leave out is compiled when a trial first uses it.
/// </summary>
public static class TrainingWarmUp
{
    private const int Iterations = 8;

    private static readonly TrialDefinition[] Networks =
    [
        new() { Hidden = [8, 3] },
        new() { Hidden = [8, 3], GradientCheck = null, Training = new TrainingOptions { KeepProb = 0.8 } },
        new() { Hidden = [8, 3], GradientCheck = null, Training = new TrainingOptions { KeepProb = 0.8, Random = RandomKind.Xoshiro, L2Lambda = 0.1 } },
        new()
        {
            Hidden = [8],
            Output = "softmax",
            HiddenActivation = "tanh",
            GradientCheck = null,
            Training = new TrainingOptions { Optimizer = new OptimizerSettings { Name = "adam" }, BatchSize = 16 },
        },
    ];

    /// <summary>Runs the warm-up networks on an 83-example, two-feature problem; their reports say each one trained.</summary>
    public static IReadOnlyList<TrialReport> Run()
    {
        DatasetSplit data = Problem();
        return [.. Networks.Select(network =>
            TrialRunner.Run(network with { Training = network.Training with { Iterations = Iterations, RecordEvery = Iterations / 2 } }, data))];
    }

    /// <summary>
    /// Two features, labelled by which side of x1 = x2 a point lies: a problem every network above can fit. 83 examples
    /// are no multiple of a vector's width, so the kernels' tiles of four, two and one registers across the examples and
    /// the last, overlapping one are all compiled, as a data set of most sizes needs them; at 64 examples the first
    /// trial of the course's 211 compiled five such tiles itself, 24 ms of its 88.
    /// </summary>
    private static DatasetSplit Problem()
    {
        const int examples = 83;
        var features = new double[2 * examples];
        var labels = new int[examples];
        for (int j = 0; j < examples; j++)
        {
            features[j] = Math.Sin(j * 1.7);
            features[examples + j] = Math.Cos(j * 0.9);
            labels[j] = features[j] > features[examples + j] ? 1 : 0;
        }

        var set = new Dataset(features, 2, labels, ["0", "1"], ["x1", "x2"]);
        return new DatasetSplit(set, set);
    }
}
