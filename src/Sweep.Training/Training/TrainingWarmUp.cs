using Sweep.Training.Data;
using Sweep.Training.Optimizers;
using Sweep.Training.Random;

namespace Sweep.Training.Training;

/// <summary>
/// Trains a few tiny networks for a few iterations through the same <see cref="TrialRunner.Run"/> a trial takes, so
/// that a process compiles the engine's methods before its first trial asks for them: a worker runs this while its
/// cluster forms (benchmarks/e2e/warmup.sh measures the first trial against the rest). A worker that does not know its
/// sweep yet trains a fixed set: the default path (gradient check, relu, sigmoid, gradient descent, NumPy's generator)
/// and the common variations (dropout with either generator, L2, tanh, softmax, Adam, mini-batches). A worker beside
/// its coordinator knows which trials come first and trains a miniature of each kind among them instead, so that it
/// compiles what they take and nothing else. What a warm-up leaves out is compiled when a trial first uses it.
/// </summary>
public static class TrainingWarmUp
{
    private const int Iterations = 8;

    /// <summary>The most kinds of trial one warm-up trains: as many as the fixed set, which a second core absorbs while a cluster forms.</summary>
    public const int MaxKinds = 4;

    /// <summary>No multiple of a vector's width (<see cref="Problem"/>).</summary>
    private const int Examples = 83;

    /// <summary>Hidden layers of a miniature are at most this wide.</summary>
    private const int MaxUnits = 8;

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
    /// Trains <see cref="MiniaturesOf"/> <paramref name="trials"/> on the first 83 examples of
    /// <paramref name="data"/>'s training set.
    /// </summary>
    public static IReadOnlyList<TrialReport> Run(IEnumerable<TrialDefinition> trials, DatasetSplit data)
    {
        ArgumentNullException.ThrowIfNull(data);
        IReadOnlyList<TrialDefinition> miniatures = MiniaturesOf(trials);
        if (miniatures.Count == 0)
        {
            return [];
        }

        Dataset examples = data.Train.Select([.. Enumerable.Range(0, Math.Min(Examples, data.Train.ExampleCount))]);
        var slice = new DatasetSplit(examples, examples, data.Validation is null ? null : examples);
        return [.. miniatures.Select(miniature => TrialRunner.Run(miniature, slice))];
    }

    /// <summary>
    /// A miniature of each kind of trial among <paramref name="trials"/>, the first <see cref="MaxKinds"/> kinds in
    /// their order: the same layers, activations, output, optimizer, generator and gradient check, and dropout, L2,
    /// mini-batches and clipping when the trial has them, with at most eight units a layer and eight iterations.
    /// Trials that differ only in numbers (initializer, learning rate, lambda, keep_prob, seed) take the same code and
    /// are one kind.
    /// </summary>
    public static IReadOnlyList<TrialDefinition> MiniaturesOf(IEnumerable<TrialDefinition> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        return [.. trials.Select(Miniature).DistinctBy(KindOf).Take(MaxKinds)];
    }

    private static TrialDefinition Miniature(TrialDefinition trial)
    {
        TrainingOptions training = trial.Training;
        return trial with
        {
            Hidden = [.. trial.Hidden.Select(units => Math.Min(units, MaxUnits))],
            Training = training with
            {
                Iterations = Iterations,
                RecordEvery = Iterations / 2,
                KeepProb = training.UsesDropout ? 0.8 : 1.0,
                L2Lambda = training.L2Lambda > 0 ? 0.1 : 0.0,
                BatchSize = training.BatchSize > 0 ? 16 : 0,
                GradientClipNorm = training.GradientClipNorm > 0 ? 1.0 : 0.0,
            },
        };
    }

    /// <summary>What decides which of the engine's methods a miniature runs.</summary>
    private static TrialKind KindOf(TrialDefinition miniature) => new(
        string.Join(',', miniature.Hidden),
        miniature.HiddenActivation,
        miniature.Output,
        miniature.Normalize,
        miniature.GradientCheck is not null,
        miniature.Training with { LearningRate = 0, Seed = 0, DropoutSeed = null, ShuffleSeed = null });

    private sealed record TrialKind(string Hidden, string HiddenActivation, string Output, bool Normalize, bool GradientCheck, TrainingOptions Training);

    /// <summary>
    /// Two features, labelled by which side of x1 = x2 a point lies: a problem every network above can fit. 83 examples
    /// are no multiple of a vector's width, so the kernels' tiles of four, two and one registers across the examples and
    /// the last, overlapping one are all compiled, as a data set of most sizes needs them; at 64 examples the first
    /// trial of the course's 211 compiled five such tiles itself, 24 ms of its 88.
    /// </summary>
    private static DatasetSplit Problem()
    {
        var features = new double[2 * Examples];
        var labels = new int[Examples];
        for (int j = 0; j < Examples; j++)
        {
            features[j] = Math.Sin(j * 1.7);
            features[Examples + j] = Math.Cos(j * 0.9);
            labels[j] = features[j] > features[Examples + j] ? 1 : 0;
        }

        var set = new Dataset(features, 2, labels, ["0", "1"], ["x1", "x2"]);
        return new DatasetSplit(set, set);
    }
}
