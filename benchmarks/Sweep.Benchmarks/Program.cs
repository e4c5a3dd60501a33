using System.Globalization;
using System.Text.Json;
using Sweep.Benchmarks.Kernels;
using Sweep.Benchmarks.Runtime;
using Sweep.Benchmarks.Search;
using Sweep.Benchmarks.Training;
using Sweep.Training.Random;

// Benchmarks, not tests: nothing here asserts a time.
//   dotnet run -c Release --project benchmarks/Sweep.Benchmarks -- [training] [--json] [--seconds S]
//     microseconds per full-batch iteration for the engine's reference networks, and trials per second with one and
//     two trials training at once (each the best of three timed runs)
//   ... -- training --dropout   only the dropout iterations, each with rng numpy beside rng xoshiro
//   ... -- dropout-trial         whole trials of the course's dropout case, fresh masks, rng numpy and xoshiro
//   ... -- dispatch [--trials N]   the runtime's overhead per trial on a sweep of tiny trials, 1 and 2 slots
//   ... -- simulate [--trials N] [--workers W] [--slots S] [--db PATH] [--points P]   the coordinator and the results
//     actor under N trials (default 10,000) that do no work, from W simulated workers (default 32) of S slots (1):
//     trials per second, CPU time per trial and memory at P points along the run (default 10); --db keeps the store
//   ... -- gemm                    GFLOP/s of the matrix-product kernels
//   ... -- tpe                     milliseconds per TPE proposal after 100 and 1,000 told outcomes, 6 parameters
//   ... -- report [--trials N]     the report of a random search of N trials (default 20,000): PED-ANOVA's
//     importance alone and the whole page
//   ... -- search [--seeds N]      random search against TPE, 40 configurations each on breast cancer, digits and
//     moons with sampler seeds 0 .. N-1 (default 10): the best validation accuracy found and the test accuracy of the
//     trial `sweep best` picks, means and standard deviations over the seeds, and the wall time
bool json = args.Contains("--json");
int secondsIndex = Array.IndexOf(args, "--seconds");
double seconds = secondsIndex >= 0 ? double.Parse(args[secondsIndex + 1], CultureInfo.InvariantCulture) : 2.0;
if (args.Contains("report"))
{
    int trialsIndex = Array.IndexOf(args, "--trials");
    Sweep.Benchmarks.Insight.ReportBenchmarks.Run(trialsIndex >= 0 ? int.Parse(args[trialsIndex + 1], CultureInfo.InvariantCulture) : 20_000);
    return;
}

if (args.Contains("simulate"))
{
    int Option(string name, int fallback) =>
        Array.IndexOf(args, name) is var at and >= 0 ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    int dbIndex = Array.IndexOf(args, "--db");
    string database = dbIndex >= 0 ? Path.GetFullPath(args[dbIndex + 1]) : Path.Combine(Path.GetTempPath(), $"sweep-simulate-{Guid.NewGuid():N}.db");
    int simulatedTrials = Option("--trials", 10_000), workers = Option("--workers", 32), slots = Option("--slots", 1);
    if (!json)
    {
        Console.WriteLine(FormattableString.Invariant($"simulate: {simulatedTrials:N0} trials, {workers} workers of {slots} slot(s), store {database}"));
        Console.WriteLine("  stored   wall s   trials/s (since last)   CPU ms/trial (since last)   heap after full GC MB   working set MB");
    }

    SimulationPoint? last = null;
    SimulationRun run;
    try
    {
        run = SimulationBenchmarks.Run(simulatedTrials, workers, slots, database, Option("--points", 10), point =>
        {
            if (!json)
            {
                int trialsSince = point.Completed - (last?.Completed ?? 0);
                double wall = point.Seconds - (last?.Seconds ?? 0), cpu = point.CpuSeconds - (last?.CpuSeconds ?? 0);
                string rate = trialsSince == 0 ? "-" : FormattableString.Invariant($"{trialsSince / wall:F0}");
                string cpuPerTrial = trialsSince == 0 ? "-" : FormattableString.Invariant($"{cpu * 1000 / trialsSince:F3}");
                Console.WriteLine(FormattableString.Invariant(
                    $"  {point.Completed,7:N0}  {point.Seconds,7:F1}   {rate,21}   {cpuPerTrial,25}   {point.HeapBytes / 1048576.0,21:F1}   {point.WorkingSetBytes / 1048576.0,14:F1}"));
            }

            last = point;
        });
    }
    finally
    {
        if (dbIndex < 0)
        {
            File.Delete(database);
        }
    }

    SimulationPoint end = run.Points[^1];
    if (json)
    {
        Console.WriteLine(JsonSerializer.Serialize(run));
    }
    else
    {
        Console.WriteLine(FormattableString.Invariant(
            $"simulate: {run.Trials:N0} trials, {run.Workers} workers, results of {run.ResultBytes:N0} bytes of JSON: {end.Seconds:F1} s, {run.Trials / end.Seconds:F0} trials/s, {end.CpuSeconds * 1000 / run.Trials:F3} ms CPU per trial"));
    }

    return;
}

if (args.Contains("gemm"))
{
    GemmBenchmarks.Run();
    return;
}

if (args.Contains("tpe"))
{
    // Warm-up, so the timed proposals run tiered-up code.
    TpeBenchmarks.Measure(300, multivariate: false);
    TpeBenchmarks.Measure(300, multivariate: true);
    var tpeRows = new List<Dictionary<string, object>>();
    foreach (bool multivariate in new[] { false, true })
    {
        foreach (int told in new[] { 100, 1000 })
        {
            TpeMeasurement measured = TpeBenchmarks.Measure(told, multivariate);
            tpeRows.Add(new Dictionary<string, object>
            {
                ["benchmark"] = "tpe",
                ["multivariate"] = multivariate,
                ["told"] = told,
                ["ms_per_ask"] = Math.Round(measured.MillisecondsPerAsk, 3),
                ["cpu_ms_per_ask"] = Math.Round(measured.CpuMillisecondsPerAsk, 3),
                ["bytes_allocated_per_ask"] = Math.Round(measured.BytesPerAsk),
            });
            if (!json)
            {
                Console.WriteLine(FormattableString.Invariant(
                    $"tpe, {(multivariate ? "multivariate" : "univariate")}, {told} told: {measured.MillisecondsPerAsk:F3} ms per ask ({measured.CpuMillisecondsPerAsk:F3} ms CPU), {measured.BytesPerAsk / 1024:F1} KiB allocated per ask"));
            }
        }
    }

    if (json)
    {
        Console.WriteLine(JsonSerializer.Serialize(tpeRows));
    }

    return;
}

if (args.Contains("search"))
{
    int seedsIndex = Array.IndexOf(args, "--seeds");
    int samplerSeeds = seedsIndex >= 0 ? int.Parse(args[seedsIndex + 1], CultureInfo.InvariantCulture) : 10;
    var searchRows = new List<Dictionary<string, object>>();
    if (!json)
    {
        Console.WriteLine(FormattableString.Invariant(
            $"{SearchQualityBenchmarks.Samples} configurations per search, sampler seeds 0-{samplerSeeds - 1}; mean +- std over the seeds"));
        Console.WriteLine("data set        strategy  best validation acc  test acc of that pick  trials  failed  wall s  strategy s");
    }

    foreach (SearchQualityCase dataSet in SearchQualityCase.All)
    {
        foreach (string strategy in SearchQualityBenchmarks.Strategies)
        {
            SearchQualitySummary summary = SearchQualityBenchmarks.Measure(dataSet, strategy, samplerSeeds);
            searchRows.Add(new Dictionary<string, object>
            {
                ["benchmark"] = "search",
                ["dataset"] = summary.DataSet,
                ["strategy"] = summary.Strategy,
                ["samples"] = SearchQualityBenchmarks.Samples,
                ["sampler_seeds"] = samplerSeeds,
                ["mean_best_validation_accuracy"] = Math.Round(summary.MeanBestValidation, 4),
                ["std_best_validation_accuracy"] = Math.Round(summary.StdBestValidation, 4),
                ["mean_test_accuracy_of_best"] = Math.Round(summary.MeanTestOfBest, 4),
                ["std_test_accuracy_of_best"] = Math.Round(summary.StdTestOfBest, 4),
                ["trials"] = summary.Trials,
                ["failed_trials"] = summary.Failed,
                ["seconds"] = Math.Round(summary.Seconds, 1),
                ["strategy_seconds"] = Math.Round(summary.StrategySeconds, 2),
            });
            if (!json)
            {
                Console.WriteLine(FormattableString.Invariant(
                    $"{summary.DataSet,-15} {summary.Strategy,-8}  {summary.MeanBestValidation,8:F4} +- {summary.StdBestValidation:F4}   {summary.MeanTestOfBest,8:F4} +- {summary.StdTestOfBest:F4}     {summary.Trials,6}  {summary.Failed,6}  {summary.Seconds,6:F1}  {summary.StrategySeconds,10:F2}"));
            }
        }
    }

    if (json)
    {
        Console.WriteLine(JsonSerializer.Serialize(searchRows));
    }

    return;
}

if (args.Contains("dropout-trial"))
{
    // numpy and xoshiro alternate, so that a slow period of the shared machine slows both.
    var trialTimes = new Dictionary<RandomKind, List<double>> { [RandomKind.Numpy] = [], [RandomKind.Xoshiro] = [] };
    for (int round = 0; round < 3; round++)
    {
        foreach (RandomKind rng in trialTimes.Keys)
        {
            trialTimes[rng].AddRange(DropoutTrialBenchmarks.Measure(rng, 3));
        }
    }

    foreach (var (rng, times) in trialTimes)
    {
        times.Sort();
        Console.WriteLine(FormattableString.Invariant(
            $"course dropout trial, [2,20,3,1] football, {DropoutTrialBenchmarks.Iterations} iterations, keep_prob 0.86 fresh, rng {rng.ToString().ToLowerInvariant()}: median {times[times.Count / 2]:F1} ms, best {times[0]:F1} ms of {times.Count}"));
    }

    return;
}

if (args.Contains("dispatch"))
{
    int trialsIndex = Array.IndexOf(args, "--trials");
    int trials = trialsIndex >= 0 ? int.Parse(args[trialsIndex + 1], CultureInfo.InvariantCulture) : 500;
    DispatchBenchmarks.Measure(50, 1);
    var dispatch = new List<Dictionary<string, object>>();
    foreach (int slots in new[] { 1, 2 })
    {
        DispatchMeasurement measured = DispatchBenchmarks.Measure(trials, slots);
        dispatch.Add(new Dictionary<string, object>
        {
            ["benchmark"] = "dispatch",
            ["slots"] = slots,
            ["trials"] = trials,
            ["seconds"] = Math.Round(measured.Seconds, 3),
            ["trials_per_second"] = Math.Round(measured.TrialsPerSecond, 1),
            ["overhead_ms_per_trial"] = Math.Round(measured.OverheadMsPerTrial, 3),
        });
        if (!json)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"dispatch, {trials} trials of 10 iterations, {slots} slot(s): {measured.Seconds:F2} s, {measured.TrialsPerSecond:F1} trials/s, {measured.OverheadMsPerTrial:F3} ms overhead per trial (training {measured.TrainingSeconds:F2} s in all)"));
        }
    }

    if (json)
    {
        Console.WriteLine(JsonSerializer.Serialize(dispatch));
    }

    return;
}

bool dropoutOnly = args.Contains("--dropout");
var rows = new List<Dictionary<string, object>>();
foreach (IterationCase benchmark in IterationBenchmarks.Cases.Where(c => !dropoutOnly || c.KeepProb < 1))
{
    IterationMeasurement measured = IterationBenchmarks.Measure(benchmark, seconds);
    rows.Add(new Dictionary<string, object>
    {
        ["network"] = benchmark.NetworkName,
        ["examples"] = benchmark.Examples,
        ["keep_prob"] = benchmark.KeepProb,
        ["rng"] = benchmark.RngName,
        ["us_per_iteration"] = Math.Round(measured.MicrosecondsPerIteration, 2),
        ["gflops"] = Math.Round(measured.Gflops, 1),
        ["bytes_allocated_per_iteration"] = Math.Round(measured.BytesAllocatedPerIteration, 1),
    });
    if (!json)
    {
        Console.WriteLine(FormattableString.Invariant(
            $"[{benchmark.NetworkName}] x {benchmark.Examples}, keep_prob {benchmark.KeepProb}{(benchmark.KeepProb < 1 ? ", rng " + benchmark.RngName : "")}: {measured.MicrosecondsPerIteration:F2} us/iteration, {measured.Gflops:F1} GFLOP/s, {measured.BytesAllocatedPerIteration:F1} B allocated/iteration"));
    }
}

if (dropoutOnly)
{
    if (json)
    {
        Console.WriteLine(JsonSerializer.Serialize(rows));
    }

    return;
}

var parallelCase = new IterationCase([2, 20, 3, 1], 211, 1.0);
const int trialIterations = 2000;
// Each measurement trains trials for about the target time; the one- and two-thread runs alternate and the best of
// each counts, as for the iteration times.
double probeRate = IterationBenchmarks.TrialsPerSecond(parallelCase, threads: 1, trialIterations, trialsPerThread: 10);
int trialsPerThread = Math.Max(4, (int)(seconds * probeRate));
double one = 0, two = 0;
for (int round = 0; round < IterationBenchmarks.Rounds; round++)
{
    one = Math.Max(one, IterationBenchmarks.TrialsPerSecond(parallelCase, threads: 1, trialIterations, trialsPerThread));
    two = Math.Max(two, IterationBenchmarks.TrialsPerSecond(parallelCase, threads: 2, trialIterations, trialsPerThread));
}
foreach (var (threads, trialsPerSecond) in new[] { (1, one), (2, two) })
{
    // Every row carries the same six keys; these add how many trials trained at once and their throughput. The
    // iteration time is wall time per iteration of one trial, the GFLOP/s the machine's aggregate.
    double iterationsPerSecond = trialsPerSecond * trialIterations;
    rows.Add(new Dictionary<string, object>
    {
        ["network"] = parallelCase.NetworkName,
        ["examples"] = parallelCase.Examples,
        ["keep_prob"] = parallelCase.KeepProb,
        ["rng"] = parallelCase.RngName,
        ["us_per_iteration"] = Math.Round(threads / iterationsPerSecond * 1e6, 2),
        ["gflops"] = Math.Round(parallelCase.FlopsPerIteration * iterationsPerSecond / 1e9, 1),
        ["concurrent_trials"] = threads,
        ["iterations_per_trial"] = trialIterations,
        ["trials_per_second"] = Math.Round(trialsPerSecond, 1),
        ["scaling_over_one_trial"] = Math.Round(trialsPerSecond / one, 2),
    });
}

if (json)
{
    Console.WriteLine(JsonSerializer.Serialize(rows));
}
else
{
    Console.WriteLine(FormattableString.Invariant(
        $"[{parallelCase.NetworkName}] x {parallelCase.Examples}, trials of {trialIterations} iterations: {one:F1} trials/s on 1 thread, {two:F1} on 2 threads ({two / one:F2}x)"));
}
