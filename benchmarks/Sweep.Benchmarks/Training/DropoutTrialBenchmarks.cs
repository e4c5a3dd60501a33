using System.Diagnostics;
using Sweep.Benchmarks.Search;
using Sweep.Training.Activations;
using Sweep.Training.Data;
using Sweep.Training.Initializers;
using Sweep.Training.Losses;
using Sweep.Training.Networks;
using Sweep.Training.Random;
using Sweep.Training.Regularization;
using Sweep.Training.Training;

namespace Sweep.Benchmarks.Training;

/// <summary>
/// Whole trials of the course's dropout case as a sweep file runs it by default: football, [2,20,3,1], LeCun normal,
/// learning rate 0.3, keep_prob 0.86 with fresh masks (a sweep file's default), 15,000 iterations (the course grid's),
/// with the masks drawn by <c>numpy</c> and by <c>xoshiro</c>.
/// </summary>
internal static class DropoutTrialBenchmarks
{
    public const int Iterations = 15000;

    /// <summary>Milliseconds of each of <paramref name="trials"/> trials in a row, after one untimed warm-up trial.</summary>
    public static double[] Measure(RandomKind rng, int trials)
    {
        DatasetSplit data = CsvDatasetReader.ReadTrainTest(
            Path.Combine(SearchQualityBenchmarks.DataFolder(), "football_train.csv"),
            Path.Combine(SearchQualityBenchmarks.DataFolder(), "football_test.csv"),
            "y");
        var architecture = new NetworkArchitecture([2, 20, 3, 1], new Relu(), new SigmoidCrossEntropy());
        var options = new TrainingOptions
        {
            Iterations = Iterations,
            LearningRate = 0.3,
            RecordEvery = 1000,
            KeepProb = 0.86,
            DropoutMasks = DropoutMaskMode.Fresh,
            Random = rng,
            Seed = 3,
        };
        var times = new double[trials];
        for (int t = -1; t < trials; t++)
        {
            double[] parameters = ParameterInitialization.Create(architecture, new LeCunNormal(), RandomSources.Create(rng, 3));
            var clock = Stopwatch.StartNew();
            new Trainer(architecture, options, data.Train.Features, data.Train.Targets).Train(parameters);
            if (t >= 0)
            {
                times[t] = clock.Elapsed.TotalMilliseconds;
            }
        }

        return times;
    }
}
