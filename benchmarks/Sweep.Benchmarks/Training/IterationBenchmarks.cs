using System.Diagnostics;
using Sweep.Training.Activations;
using Sweep.Training.Initializers;
using Sweep.Training.Losses;
using Sweep.Training.Networks;
using Sweep.Training.Random;
using Sweep.Training.Regularization;
using Sweep.Training.Training;

namespace Sweep.Benchmarks.Training;

/// <summary>
/// One measured configuration: a network, a full batch of examples, a keep_prob, and the generator that draws the
/// dropout masks (a sweep file's <c>rng</c>, whose default is <c>numpy</c>).
/// </summary>
internal sealed record IterationCase(int[] Network, int Examples, double KeepProb, string Output = "sigmoid", RandomKind Rng = RandomKind.Xoshiro)
{
    public string NetworkName => string.Join(",", Network);

    public string RngName => Rng == RandomKind.Numpy ? "numpy" : "xoshiro";

    /// <summary>
    /// Floating-point operations of one iteration's matrix products: forward <c>2 m n_l n_(l-1)</c> per layer, and
    /// backward the same for dW_l plus, above the first layer, for dA_(l-1).
    /// </summary>
    public double FlopsPerIteration
    {
        get
        {
            double products = 0;
            for (int l = 1; l < Network.Length; l++)
            {
                products += (l == 1 ? 2.0 : 3.0) * Network[l] * Network[l - 1];
            }

            return 2.0 * Examples * products;
        }
    }
}

internal sealed record IterationMeasurement(IterationCase Case, double MicrosecondsPerIteration, double Gflops, double BytesAllocatedPerIteration);

/// <summary>
/// Times full-batch training iterations (forward, backward, update) with the engine's Trainer on seeded synthetic
/// data, after a warm-up that lets tiered compilation settle.
/// </summary>
internal static class IterationBenchmarks
{
    public static IReadOnlyList<IterationCase> Cases { get; } =
    [
        new([2, 10, 5, 1], 300, 1.0),
        new([2, 10, 5, 1], 300, 0.86),
        new([2, 10, 5, 1], 300, 0.86, Rng: RandomKind.Numpy),
        new([2, 20, 3, 1], 211, 1.0),
        new([2, 20, 3, 1], 211, 0.86),
        new([2, 20, 3, 1], 211, 0.86, Rng: RandomKind.Numpy),
        new([100, 256, 256, 1], 10000, 1.0),
        new([784, 128, 64, 10], 10000, 1.0, "softmax"),
    ];

    /// <summary>Timed runs per measurement, of which the fastest is reported.</summary>
    public const int Rounds = 3;

    public static IterationMeasurement Measure(IterationCase benchmark, double targetSeconds)
    {
        // Warm up for a second and 50 iterations at least, so that tiered compilation has replaced every kernel (each
        // is called a few times per iteration) with optimized code before timing.
        double probe = TimeIterations(benchmark, 3).Seconds / 3;
        var warmup = System.Diagnostics.Stopwatch.StartNew();
        int warmed = 3;
        while (warmup.Elapsed.TotalSeconds < 1.0 || warmed < 50)
        {
            int batch = (int)Math.Clamp(0.2 / probe, 1, 100_000);
            probe = TimeIterations(benchmark, batch).Seconds / batch;
            warmed += batch;
        }

        // Three timed runs sharing the target time; the fastest counts, because on a shared machine interference
        // only ever slows a run down. Allocation per iteration is the difference between a long run and a short one,
        // the median of three: now and then a training run allocates about 8 KB more than the same run before it,
        // whatever its length (480 B or 8,624 B for 2, 10 or 20 iterations of the softmax network), which over the
        // ten iterations of a large network would read as hundreds of bytes per iteration.
        // Both runs last at least two iterations, so that both record their first and last iteration: a run of one
        // would record once and allocate one record less.
        int iterations = (int)Math.Clamp(targetSeconds / Rounds / probe, 4, 2_000_000);
        int shortIterations = Math.Max(2, iterations / 4);
        double seconds = double.MaxValue;
        var bytesPerIterationByRound = new double[Rounds];
        for (int round = 0; round < Rounds; round++)
        {
            var (roundSeconds, bytes) = TimeIterations(benchmark, iterations);
            seconds = Math.Min(seconds, roundSeconds);
            long shortBytes = TimeIterations(benchmark, shortIterations).Bytes;
            bytesPerIterationByRound[round] = Math.Max(0, (bytes - shortBytes) / (double)(iterations - shortIterations));
        }

        Array.Sort(bytesPerIterationByRound);
        double bytesPerIteration = bytesPerIterationByRound[Rounds / 2];
        double microseconds = seconds / iterations * 1e6;
        return new IterationMeasurement(benchmark, microseconds, benchmark.FlopsPerIteration / (microseconds * 1e3), bytesPerIteration);
    }

    /// <summary>
    /// Trials per second for <paramref name="threads"/> trials training at once, each on its own thread with its own
    /// trainer, each trial being <paramref name="iterations"/> iterations.
    /// </summary>
    public static double TrialsPerSecond(IterationCase benchmark, int threads, int iterations, int trialsPerThread)
    {
        var setups = Enumerable.Range(0, threads).Select(_ => Setup(benchmark, iterations)).ToArray();
        foreach (var (trainer, parameters) in setups)
        {
            trainer.Train(parameters);
        }

        using var start = new Barrier(threads + 1);
        var workers = setups.Select(setup => new Thread(() =>
        {
            start.SignalAndWait();
            for (int t = 0; t < trialsPerThread; t++)
            {
                setup.Trainer.Train(setup.Parameters);
            }
        })).ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        start.SignalAndWait();
        var clock = Stopwatch.StartNew();
        foreach (var worker in workers)
        {
            worker.Join();
        }

        return threads * trialsPerThread / clock.Elapsed.TotalSeconds;
    }

    private static (double Seconds, long Bytes) TimeIterations(IterationCase benchmark, int iterations)
    {
        var (trainer, parameters) = Setup(benchmark, iterations);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        trainer.Train(parameters);
        double seconds = clock.Elapsed.TotalSeconds;
        return (seconds, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static (Trainer Trainer, double[] Parameters) Setup(IterationCase benchmark, int iterations)
    {
        var random = new Xoshiro256StarStar(12345);
        int inputs = benchmark.Network[0];
        var features = new double[inputs * benchmark.Examples];
        random.FillGaussian(features);
        int classes = benchmark.Output == "softmax" ? benchmark.Network[^1] : 2;
        var labels = Enumerable.Range(0, benchmark.Examples).Select(_ => (double)random.NextBounded((uint)classes - 1)).ToArray();
        var architecture = new NetworkArchitecture(benchmark.Network, new Relu(), OutputLayerRegistry.Create(benchmark.Output));
        var options = new TrainingOptions
        {
            Iterations = iterations,
            LearningRate = 0.01,
            RecordEvery = int.MaxValue,
            KeepProb = benchmark.KeepProb,
            DropoutMasks = DropoutMaskMode.Fresh,
            Random = benchmark.Rng,
            Seed = 1,
        };
        double[] parameters = ParameterInitialization.Create(architecture, new HeNormal(), random);
        return (new Trainer(architecture, options, features, labels), parameters);
    }
}
