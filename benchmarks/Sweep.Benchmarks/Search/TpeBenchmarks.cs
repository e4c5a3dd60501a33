using System.Diagnostics;
using Sweep.Search;
using Sweep.Search.Distributions;
using Sweep.Search.Strategies;

namespace Sweep.Benchmarks.Search;

/// <summary>The time of one TPE proposal once a search has told a given number of outcomes.</summary>
internal static class TpeBenchmarks
{
    private const int TimedProposals = 50;

    /// <summary>Two log-uniform rates, a uniform, an integer and two choices: a typical sweep's shape.</summary>
    private static readonly SearchSpace Space = new(
        new SearchParameter("learning_rate", new LogUniformDistribution(1e-5, 1)),
        new SearchParameter("weight_decay", new LogUniformDistribution(1e-6, 1e-1)),
        new SearchParameter("dropout", new UniformDistribution(0, 0.8)),
        new SearchParameter("width", new IntDistribution(16, 1024)),
        new SearchParameter("optimizer", new ChoiceDistribution(3)),
        new SearchParameter("activation", new ChoiceDistribution(5)));

    /// <summary>
    /// Tells <paramref name="told"/> outcomes one by one (Parallel 1, as a serial sweep), then times the next
    /// proposals, each followed by its outcome, so every timed proposal sees about that many observations.
    /// </summary>
    public static TpeMeasurement Measure(int told, bool multivariate)
    {
        var tpe = new TpeStrategy(Space, new TpeOptions
        {
            Samples = told + TimedProposals,
            Seed = 42,
            Parallel = 1,
            Multivariate = multivariate,
        });
        for (int i = 0; i < told; i++)
        {
            tpe.Tell(i, Loss(tpe.Ask(i).Values));
        }

        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        // CPU time as well as wall time: on a machine shared with other work the wall clock counts their share too.
        using var process = Process.GetCurrentProcess();
        TimeSpan cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (int i = told; i < told + TimedProposals; i++)
        {
            tpe.Tell(i, Loss(tpe.Ask(i).Values));
        }

        watch.Stop();
        process.Refresh();
        double cpuMilliseconds = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return new TpeMeasurement(
            watch.Elapsed.TotalMilliseconds / TimedProposals, cpuMilliseconds / TimedProposals, (double)allocated / TimedProposals);
    }

    private static double Loss(IReadOnlyList<double> x)
    {
        double rate = Math.Log10(x[0]) + 2.5;
        double decay = Math.Log10(x[1]) + 4;
        double dropout = x[2] - 0.2;
        double width = Math.Log2(x[3]) - 7;
        return (rate * rate) + (0.3 * decay * decay) + dropout + (0.1 * width * width) + (x[4] == 1 ? 0 : 0.4) + (0.05 * x[5]);
    }
}

/// <summary>Wall-clock and CPU milliseconds, and bytes allocated, per proposal.</summary>
internal readonly record struct TpeMeasurement(double MillisecondsPerAsk, double CpuMillisecondsPerAsk, double BytesPerAsk);
