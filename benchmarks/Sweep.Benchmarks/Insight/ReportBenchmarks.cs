using System.Diagnostics;
using System.Globalization;
using Sweep.Domain;
using Sweep.Insight;
using Sweep.Insight.Importance;
using Sweep.Insight.Report;

namespace Sweep.Benchmarks.Insight;

/// <summary>
/// The report's cost on a large random search: PED-ANOVA's importance alone, and the whole page (every chart but the
/// decision boundaries, which need data), each the best of three, wall and CPU time.
/// </summary>
internal static class ReportBenchmarks
{
    private static readonly string[] Initializers = ["he", "xavier", "lecun", "zeros"];

    public static void Run(int trials)
    {
        IReadOnlyList<TrialResult> sweep = RandomSearch(trials);
        IReadOnlyList<SearchedSetting> searched = SearchedSetting.Of(sweep);
        var completed = sweep.Where(t => t.Status == TrialResultStatus.Completed).ToList();
        IReadOnlyList<Finding> findings = Diagnosis.Of(sweep, 2);
        var (importanceWall, importanceCpu) = BestOfThree(() => PedAnova.Of(completed, searched, TrialMetrics.TestAccuracy, higherIsBetter: true));
        int bytes = 0;
        var (pageWall, pageCpu) = BestOfThree(() => bytes = SweepReport.Render("benchmark", sweep, TrialMetrics.TestAccuracy, true, findings).Length);
        Console.WriteLine(FormattableString.Invariant(
            $"report of {trials:N0} trials: PED-ANOVA importance {importanceWall:F1} ms ({importanceCpu:F1} ms CPU); the whole page {pageWall:F0} ms ({pageCpu:F0} ms CPU), {bytes / 1e6:F1} M characters"));
    }

    private static (double Wall, double Cpu) BestOfThree(Action action)
    {
        action();
        double wall = double.MaxValue;
        double cpu = double.MaxValue;
        using var process = Process.GetCurrentProcess();
        for (int i = 0; i < 3; i++)
        {
            process.Refresh();
            TimeSpan cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            action();
            watch.Stop();
            process.Refresh();
            wall = Math.Min(wall, watch.Elapsed.TotalMilliseconds);
            cpu = Math.Min(cpu, (process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }

        return (wall, cpu);
    }

    /// <summary>Trials of a random search over a log-uniform learning rate, a uniform L2 lambda and keep_prob, and an initializer; one in 40 diverged.</summary>
    private static List<TrialResult> RandomSearch(int count)
    {
        var random = new Random(1);
        var start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var trials = new List<TrialResult>(count);
        for (int i = 0; i < count; i++)
        {
            double rate = Math.Pow(10, -4 + 4 * random.NextDouble());
            double l2 = random.NextDouble();
            double keep = 0.5 + 0.5 * random.NextDouble();
            string initializer = Initializers[random.Next(Initializers.Length)];
            var parameters = new Dictionary<string, string>
            {
                ["learning_rate"] = rate.ToString("R", CultureInfo.InvariantCulture),
                ["l2_lambda"] = l2.ToString("R", CultureInfo.InvariantCulture),
                ["keep_prob"] = keep.ToString("R", CultureInfo.InvariantCulture),
                ["initializer"] = initializer,
            };
            bool diverged = i % 40 == 0;
            double accuracy = initializer == "zeros" ? 0.5 : 0.95 - Math.Abs(Math.Log10(rate) + 1.5) / 10 - l2 / 20 + random.NextDouble() / 50;
            trials.Add(new TrialResult
            {
                TrialId = i.ToString("x16", CultureInfo.InvariantCulture),
                Sweep = "benchmark",
                SweepFileHash = "hash",
                Status = diverged ? TrialResultStatus.Diverged : TrialResultStatus.Completed,
                Parameters = parameters,
                Settings = parameters,
                Initializer = initializer,
                Activation = "relu",
                Hidden = [20, 3],
                TrainAccuracy = diverged ? null : accuracy + 0.01,
                TestAccuracy = diverged ? null : accuracy,
                TrainCost = diverged ? null : 1 - accuracy,
                TestCost = diverged ? null : 1.1 - accuracy,
                IterationsRun = 1000,
                CostCurve = [.. Enumerable.Range(0, 11).Select(k => new CostPoint(k * 100, 0.7 * Math.Exp(-k * accuracy / 3)))],
                LayerNorms = [.. Enumerable.Range(0, 11).Select(k => new LayerNormsPoint(k * 100, [1.0 + k * 0.1, 2.0, 1.5], [0.1 / (k + 1), 0.2 / (k + 1), 0.3 / (k + 1)]))],
                GradientFlow = diverged ? "diverged" : "healthy",
                GradientNormRatio = 0.9,
                GradcheckDifference = 1e-9,
                Node = i % 2 == 0 ? "node-a" : "node-b",
                DurationMs = 100,
                StartedAt = start.AddSeconds(i / 2.0),
                FinishedAt = start.AddSeconds(i / 2.0 + 0.1),
            });
        }

        return trials;
    }
}
