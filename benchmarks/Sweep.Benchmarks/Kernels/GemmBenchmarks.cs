using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using Sweep.Training.Kernels;

namespace Sweep.Benchmarks.Kernels;

/// <summary>
/// Throughput of <see cref="Gemm"/> on the layer shapes of the networks the sweeps train: for each layer the forward
/// product Z = W * A_prev (Multiply, m x k x n = n_out x n_in x examples), the backward dA_prev = W^T * dZ
/// (MultiplyTransposedA, n_in x n_out x examples) and the weight gradient dW = dZ * A_prev^T (MultiplyTransposedB,
/// n_out x examples x n_in, the long dimension is the reduction). The example counts leave tails (300 and 211 are not
/// multiples of the 8-wide register, 10000 not of the 24-wide tile). Prints the best and median of several timed
/// rounds (the machine is shared, so the best is the cleanest estimate), GFLOP/s counting a multiply-add as two flops,
/// and bytes allocated per call.
/// </summary>
internal static class GemmBenchmarks
{
    private const int Seed = 20240611;

    public static void Run()
    {
        Console.WriteLine(
            $"Gemm (double), single thread, 2*m*k*n flops per call; accelerated: Vector512 {Vector512.IsHardwareAccelerated}, " +
            $"Vector256 {Vector256.IsHardwareAccelerated}, Vector128 {Vector128.IsHardwareAccelerated}");
        Console.WriteLine($"{"shape",-44} {"m",5} {"k",6} {"n",6} {"best us",10} {"median us",10} {"GFLOP/s",8} {"alloc B",8}");
        RunNetwork([2, 10, 5, 1], 300);
        RunNetwork([2, 20, 3, 1], 211);
        RunNetwork([100, 256, 256, 1], 10_000);
        RunNetwork([784, 128, 64, 10], 10_000);
    }

    private static void RunNetwork(int[] layers, int examples)
    {
        string network = $"[{string.Join(',', layers)}] x {examples}";
        double flops = 0;
        double seconds = 0;
        for (int l = 1; l < layers.Length; l++)
        {
            int nIn = layers[l - 1];
            int nOut = layers[l];
            (double f, double s) = Measure($"{network} L{l} forward   Multiply", Kind.Multiply, nOut, nIn, examples);
            flops += f;
            seconds += s;

            // The input layer's dA_prev is not needed to train, so it does not count towards the total; shown anyway.
            (f, s) = Measure($"{network} L{l} dA_prev     TransposedA", Kind.TransposedA, nIn, nOut, examples);
            if (l > 1)
            {
                flops += f;
                seconds += s;
            }

            (f, s) = Measure($"{network} L{l} dW          TransposedB", Kind.TransposedB, nOut, examples, nIn);
            flops += f;
            seconds += s;
        }

        Console.WriteLine(
            $"{network + " whole forward + backward",-44} {"",5} {"",6} {"",6} {seconds * 1e6,10:F1} {"",10} {flops / seconds * 1e-9,8:F1}");
        Console.WriteLine();
    }

    private enum Kind
    {
        Multiply,
        TransposedA,
        TransposedB,
    }

    /// <summary>Times one product shape; returns its flops and best seconds per call.</summary>
    private static (double Flops, double Seconds) Measure(string label, Kind kind, int m, int k, int n)
    {
        var random = new System.Random(Seed);
        double[] a = Fill(random, m * k);
        double[] b = Fill(random, k * n);
        double[] c = new double[m * n];
        double flops = 2.0 * m * k * n;

        // Enough calls per round for ~20 ms of work, so the timer resolution and a stray interrupt do not matter.
        int calls = (int)Math.Clamp(20e-3 / (flops / 30e9 + 0.3e-6), 1, 200_000);
        // ~200 ms of warm-up: long enough for tiered compilation to have replaced the first-call code of every kernel
        // this shape uses.
        for (int i = 0; i < Math.Max(3, calls * 10); i++)
        {
            Call(kind, a, b, c, m, k, n, accumulate: false);
        }

        const int Rounds = 11;
        double[] perCall = new double[Rounds];
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < Rounds; round++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < calls; i++)
            {
                Call(kind, a, b, c, m, k, n, accumulate: false);
            }

            perCall[round] = Stopwatch.GetElapsedTime(start).TotalSeconds / calls;
        }

        double allocatedPerCall = (double)(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (Rounds * calls);
        Array.Sort(perCall);
        double best = perCall[0];
        double median = perCall[Rounds / 2];
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{label,-44} {m,5} {k,6} {n,6} {best * 1e6,10:F2} {median * 1e6,10:F2} {flops / best * 1e-9,8:F1} {allocatedPerCall,8:F0}"));
        return (flops, best);
    }

    private static void Call(Kind kind, double[] a, double[] b, double[] c, int m, int k, int n, bool accumulate)
    {
        switch (kind)
        {
            case Kind.Multiply:
                Gemm.Multiply(a, b, c, m, k, n, accumulate);
                break;
            case Kind.TransposedA:
                Gemm.MultiplyTransposedA(a, b, c, m, k, n, accumulate);
                break;
            default:
                Gemm.MultiplyTransposedB(a, b, c, m, k, n, accumulate);
                break;
        }
    }

    private static double[] Fill(System.Random random, int length)
    {
        double[] values = new double[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = random.NextDouble() * 2 - 1;
        }

        return values;
    }
}
