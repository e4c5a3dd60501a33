using System.Globalization;
using System.Text.Json;
using Sweep.Benchmarks.Training;

// Microseconds per full-batch iteration for the networks named in the training-engine issue, and trial throughput
// with one and two trials training at once. Benchmarks, not tests: nothing here asserts a time.
//   dotnet run -c Release --project benchmarks/Sweep.Benchmarks -- [--json] [--seconds S]
bool json = args.Contains("--json");
int secondsIndex = Array.IndexOf(args, "--seconds");
double seconds = secondsIndex >= 0 ? double.Parse(args[secondsIndex + 1], CultureInfo.InvariantCulture) : 2.0;

var rows = new List<Dictionary<string, object>>();
foreach (IterationCase benchmark in IterationBenchmarks.Cases)
{
    IterationMeasurement measured = IterationBenchmarks.Measure(benchmark, seconds);
    rows.Add(new Dictionary<string, object>
    {
        ["network"] = benchmark.NetworkName,
        ["examples"] = benchmark.Examples,
        ["keep_prob"] = benchmark.KeepProb,
        ["us_per_iteration"] = Math.Round(measured.MicrosecondsPerIteration, 2),
        ["gflops"] = Math.Round(measured.Gflops, 1),
        ["bytes_allocated_per_iteration"] = Math.Round(measured.BytesAllocatedPerIteration, 1),
    });
    if (!json)
    {
        Console.WriteLine(FormattableString.Invariant(
            $"[{benchmark.NetworkName}] x {benchmark.Examples}, keep_prob {benchmark.KeepProb}: {measured.MicrosecondsPerIteration:F2} us/iteration, {measured.Gflops:F1} GFLOP/s, {measured.BytesAllocatedPerIteration:F1} B allocated/iteration"));
    }
}

var parallelCase = new IterationCase([2, 20, 3, 1], 211, 1.0);
const int trialIterations = 2000;
int trialsPerThread = Math.Max(4, (int)(seconds * 40));
double one = IterationBenchmarks.TrialsPerSecond(parallelCase, threads: 1, trialIterations, trialsPerThread);
double two = IterationBenchmarks.TrialsPerSecond(parallelCase, threads: 2, trialIterations, trialsPerThread);
rows.Add(new Dictionary<string, object>
{
    ["network"] = parallelCase.NetworkName,
    ["examples"] = parallelCase.Examples,
    ["keep_prob"] = parallelCase.KeepProb,
    ["iterations_per_trial"] = trialIterations,
    ["trials_per_second_1_thread"] = Math.Round(one, 1),
    ["trials_per_second_2_threads"] = Math.Round(two, 1),
    ["scaling"] = Math.Round(two / one, 2),
});

if (json)
{
    Console.WriteLine(JsonSerializer.Serialize(rows));
}
else
{
    Console.WriteLine(FormattableString.Invariant(
        $"[{parallelCase.NetworkName}] x {parallelCase.Examples}, trials of {trialIterations} iterations: {one:F1} trials/s on 1 thread, {two:F1} on 2 threads ({two / one:F2}x)"));
}
