using System.Diagnostics;
using Sweep.Config;
using Sweep.Domain;
using Sweep.Search;
using Sweep.Search.Strategies;
using Sweep.Training.Data;
using Sweep.Training.Networks;
using Sweep.Training.Training;

namespace Sweep.Benchmarks.Search;

/// <summary>
/// How good a configuration random search and TPE find with the same budget: per data set and strategy, searches of
/// <see cref="Samples"/> configurations with sampler seeds 0, 1, ..., each run as <c>sweep run</c> runs it, then the
/// best validation accuracy found and the test accuracy of the trial <c>sweep best</c> would pick.
/// </summary>
internal static class SearchQualityBenchmarks
{
    /// <summary>The budget of each search: the <c>samples</c> of the comparison.</summary>
    public const int Samples = 40;

    public static IReadOnlyList<string> Strategies { get; } = [SearchStrategySettings.Random, SearchStrategySettings.Tpe];

    /// <summary>Every search of one data set and strategy, with sampler seeds 0 .. <paramref name="samplerSeeds"/> - 1.</summary>
    public static SearchQualitySummary Measure(SearchQualityCase dataSet, string strategy, int samplerSeeds)
    {
        string dataFolder = DataFolder();
        var searches = new List<SearchOutcome>(samplerSeeds);
        for (int seed = 0; seed < samplerSeeds; seed++)
        {
            searches.Add(Search(dataSet.Sweep(strategy, Samples, seed, dataFolder)));
        }

        return new SearchQualitySummary(dataSet.Name, strategy, searches);
    }

    /// <summary>
    /// One search the way the coordinator runs it on one slot: configurations asked in order (in a serial run each
    /// can be asked when its turn comes, TPE's look-ahead only limiting what it learns from), their trials run, and
    /// the configuration told its mean metric over its trials, negated since higher accuracy is better, or null
    /// when a trial did not complete. Two configurations that come out the same share their trials, which run once,
    /// as in the coordinator.
    /// </summary>
    public static SearchOutcome Search(SweepDefinition sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        DatasetSplit data = sweep.LoadData();
        ISearchStrategy strategy = sweep.Search.CreateStrategy();
        var reports = new Dictionary<string, TrialReport>(StringComparer.Ordinal);
        TrialRanking? best = null;
        double testAccuracyOfBest = double.NaN;
        var askTime = new Stopwatch();
        var clock = Stopwatch.StartNew();
        for (int index = 0; index < strategy.Count; index++)
        {
            askTime.Start();
            Configuration configuration = strategy.Ask(index);
            askTime.Stop();
            var accuracies = new List<double>();
            bool completed = true;
            foreach (TrialPlan trial in sweep.Search.TrialsOf(configuration))
            {
                if (!reports.TryGetValue(trial.TrialId, out TrialReport? report))
                {
                    report = TrialRunner.Run(trial.Definition, data);
                    reports.Add(trial.TrialId, report);
                }

                if (report is { Status: TrialStatus.Completed, Validation: { Accuracy: double validationAccuracy } validation, Test: { Accuracy: double testAccuracy } }
                    && double.IsFinite(validationAccuracy))
                {
                    accuracies.Add(validationAccuracy);
                    var ranking = new TrialRanking(trial.TrialId, validationAccuracy, validation.Cost);
                    if (best is null || TrialRanking.Compare(ranking, best.Value, higherIsBetter: true) < 0)
                    {
                        best = ranking;
                        testAccuracyOfBest = testAccuracy;
                    }
                }
                else
                {
                    completed = false;
                }
            }

            askTime.Start();
            strategy.Tell(index, completed ? -accuracies.Average() : null);
            askTime.Stop();
        }

        double seconds = clock.Elapsed.TotalSeconds;
        int failed = reports.Values.Count(r => r.Status != TrialStatus.Completed);
        return new SearchOutcome(best?.Value ?? double.NaN, testAccuracyOfBest, reports.Count, failed, seconds, askTime.Elapsed.TotalSeconds);
    }

    /// <summary>The repository's <c>data/</c>, found above the program so that the benchmark runs from any folder.</summary>
    internal static string DataFolder()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Sweep.sln")))
            {
                return Path.Combine(folder.FullName, "data");
            }
        }

        throw new DirectoryNotFoundException($"no Sweep.sln above {AppContext.BaseDirectory}: run the benchmark from the repository");
    }
}

/// <summary>
/// One search's result: the best validation accuracy found, the test accuracy of the trial ranked first (NaN for
/// both when no trial completed), how many trials ran and how many did not complete, the wall time of the whole
/// search, and the part of it the strategy spent proposing and learning.
/// </summary>
internal sealed record SearchOutcome(
    double BestValidationAccuracy, double TestAccuracyOfBest, int Trials, int Failed, double Seconds, double StrategySeconds);

/// <summary>The searches of one data set and strategy, one per sampler seed, and their means and spreads.</summary>
internal sealed record SearchQualitySummary(string DataSet, string Strategy, IReadOnlyList<SearchOutcome> Searches)
{
    public double MeanBestValidation => Searches.Average(s => s.BestValidationAccuracy);

    public double StdBestValidation => SampleStd(Searches.Select(s => s.BestValidationAccuracy));

    public double MeanTestOfBest => Searches.Average(s => s.TestAccuracyOfBest);

    public double StdTestOfBest => SampleStd(Searches.Select(s => s.TestAccuracyOfBest));

    public int Trials => Searches.Sum(s => s.Trials);

    public int Failed => Searches.Sum(s => s.Failed);

    public double Seconds => Searches.Sum(s => s.Seconds);

    public double StrategySeconds => Searches.Sum(s => s.StrategySeconds);

    /// <summary>The spread over seeds with n - 1 in the denominator (0 for one seed): the seeds are a sample of all seeds.</summary>
    private static double SampleStd(IEnumerable<double> values)
    {
        double[] all = [.. values];
        if (all.Length < 2)
        {
            return 0;
        }

        double mean = all.Average();
        return Math.Sqrt(all.Sum(v => (v - mean) * (v - mean)) / (all.Length - 1));
    }
}
