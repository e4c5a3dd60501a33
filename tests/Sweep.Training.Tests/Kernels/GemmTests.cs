using MathNet.Numerics.LinearAlgebra;
using Sweep.Training.Kernels;

namespace Sweep.Training.Tests.Kernels;

/// <summary>
/// The three products against a naive triple loop, on every path (unpacked, packed, automatic) and every register
/// width the hardware has (512, 256, 128 bits, scalar), for sizes that leave every kind of tail: not multiples of the
/// register width (8, 4, 2), of the micro-tile (8 x 24, 4 x 12, ...) or of the cache blocks (256 deep, 240 wide).
/// Agreement is to 1e-12 relative to <c>sum_p |A(i,p) * B(p,j)|</c> (plus |C| when accumulating), the scale of the
/// rounding error of any summation order; a plain relative error would be meaningless where the sum cancels.
/// </summary>
public sealed class GemmTests
{
    private const double Tolerance = 1e-12;

    /// <summary>Every small size up to 11, then the ones around the register and tile widths, then a few more.</summary>
    private static readonly int[] TailSizes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 16, 17, 23, 24, 25, 31, 33, 40];

    /// <summary>Shapes (m, k, n) past the cache blocks: several depth blocks (k &gt; 256), several column blocks
    /// (n &gt; 240), an A too large to pack whole (72 x 8000 doubles), and the 67 / 129 / 300 mixes.</summary>
    private static readonly (int M, int K, int N)[] LargeShapes =
    [
        (67, 129, 300), (300, 67, 129), (129, 300, 67), (13, 600, 500), (70, 8000, 20), (1, 300, 300), (300, 1, 67),
        (9, 257, 241),
    ];

    public enum Kernel
    {
        Multiply,
        TransposedA,
        TransposedB,
    }

    /// <summary>Mirrors the internal <see cref="GemmPath"/> so that theories (public methods) can take it.</summary>
    public enum Path
    {
        Direct = GemmPath.Direct,
        Packed = GemmPath.Packed,
        Automatic = GemmPath.Automatic,
    }

    public static TheoryData<Kernel, Path, int> KernelsPathsAndWidths()
    {
        var data = new TheoryData<Kernel, Path, int>();
        foreach (Kernel kernel in Enum.GetValues<Kernel>())
        {
            foreach (Path path in new[] { Path.Direct, Path.Packed })
            {
                foreach (int width in new[] { 8, 4, 2, 1 })
                {
                    data.Add(kernel, path, width);
                }
            }

            data.Add(kernel, Path.Automatic, int.MaxValue);
        }

        return data;
    }

    public static TheoryData<Kernel> Kernels() => new(Enum.GetValues<Kernel>());

    [Theory]
    [MemberData(nameof(KernelsPathsAndWidths))]
    public void Product_matches_naive_product_for_every_tail_length(Kernel kernel, Path path, int maxWidth)
    {
        var random = new System.Random(17);
        foreach (int m in TailSizes)
        {
            foreach (int k in TailSizes)
            {
                foreach (int n in TailSizes)
                {
                    AssertMatchesNaive(random, kernel, (GemmPath)path, maxWidth, m, k, n, accumulate: false);
                    AssertMatchesNaive(random, kernel, (GemmPath)path, maxWidth, m, k, n, accumulate: true);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(KernelsPathsAndWidths))]
    public void Product_matches_naive_product_across_cache_blocks(Kernel kernel, Path path, int maxWidth)
    {
        var random = new System.Random(23);
        foreach ((int m, int k, int n) in LargeShapes)
        {
            AssertMatchesNaive(random, kernel, (GemmPath)path, maxWidth, m, k, n, accumulate: false);
            AssertMatchesNaive(random, kernel, (GemmPath)path, maxWidth, m, k, n, accumulate: true);
        }
    }

    [Fact]
    public void Products_agree_with_MathNet_reference()
    {
        var random = new System.Random(29);
        const int M = 37, K = 291, N = 250;
        double[] a = Fill(random, M * K);
        double[] b = Fill(random, K * N);
        double[] c = new double[M * N];

        Matrix<double> left = Matrix<double>.Build.DenseOfRowMajor(M, K, a);
        Matrix<double> right = Matrix<double>.Build.DenseOfRowMajor(K, N, b);
        Gemm.Multiply(a, b, c, M, K, N, accumulate: false);
        AssertClose(left.Multiply(right).ToRowMajorArray(), c, 1e-10);

        // The same values reinterpreted: a as K x M (so op(A) = a^T is M x K), b as N x K.
        Matrix<double> leftT = Matrix<double>.Build.DenseOfRowMajor(K, M, a);
        Gemm.MultiplyTransposedA(a, b, c, M, K, N, accumulate: false);
        AssertClose(leftT.TransposeThisAndMultiply(right).ToRowMajorArray(), c, 1e-10);

        Matrix<double> rightT = Matrix<double>.Build.DenseOfRowMajor(N, K, b);
        Gemm.MultiplyTransposedB(a, b, c, M, K, N, accumulate: false);
        AssertClose(left.TransposeAndMultiply(rightT).ToRowMajorArray(), c, 1e-10);
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void NaN_in_A_reaches_exactly_the_row_it_belongs_to(Kernel kernel)
    {
        foreach ((int m, int k, int n) in new[] { (5, 9, 11), (37, 300, 301) })
        {
            foreach (GemmPath path in new[] { GemmPath.Direct, GemmPath.Packed })
            {
                var random = new System.Random(31);
                double[] a = Fill(random, m * k);
                double[] b = Fill(random, k * n);
                double[] c = new double[m * n];
                int row = m - 2;
                a[IndexA(kernel, row, k - 1, m, k)] = double.NaN;

                Run(kernel, a, b, c, m, k, n, accumulate: false, path, int.MaxValue);

                for (int i = 0; i < m; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        Assert.True(double.IsNaN(c[i * n + j]) == (i == row), $"{path} C[{i},{j}] = {c[i * n + j]}");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void NaN_in_B_reaches_exactly_the_column_it_belongs_to(Kernel kernel)
    {
        foreach ((int m, int k, int n) in new[] { (5, 9, 11), (37, 300, 301) })
        {
            foreach (GemmPath path in new[] { GemmPath.Direct, GemmPath.Packed })
            {
                var random = new System.Random(37);
                double[] a = Fill(random, m * k);
                double[] b = Fill(random, k * n);
                double[] c = new double[m * n];
                int column = n - 1;
                b[IndexB(kernel, 0, column, k, n)] = double.NaN;

                Run(kernel, a, b, c, m, k, n, accumulate: false, path, int.MaxValue);

                for (int i = 0; i < m; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        Assert.True(double.IsNaN(c[i * n + j]) == (j == column), $"{path} C[{i},{j}] = {c[i * n + j]}");
                    }
                }
            }
        }
    }

    /// <summary>Infinity times a positive number must stay infinity: no padding or masked-off lane may multiply it
    /// by zero (which would give NaN).</summary>
    [Theory]
    [MemberData(nameof(Kernels))]
    public void Infinity_stays_infinity_in_tails(Kernel kernel)
    {
        foreach ((int m, int k, int n) in new[] { (3, 11, 13), (9, 13, 27), (10, 300, 5), (37, 300, 301) })
        {
            foreach (GemmPath path in new[] { GemmPath.Direct, GemmPath.Packed })
            {
                var random = new System.Random(41);
                double[] a = Fill(random, m * k, 0.5, 1.0);
                double[] b = Fill(random, k * n, 0.5, 1.0);
                double[] c = new double[m * n];
                b[IndexB(kernel, 1, n - 1, k, n)] = double.PositiveInfinity;

                Run(kernel, a, b, c, m, k, n, accumulate: false, path, int.MaxValue);

                for (int i = 0; i < m; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        double value = c[i * n + j];
                        Assert.True(j == n - 1 ? double.IsPositiveInfinity(value) : double.IsFinite(value), $"{path} C[{i},{j}] = {value}");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Overwrite_ignores_NaN_already_in_C_and_accumulate_keeps_it(Kernel kernel)
    {
        foreach ((int m, int k, int n) in new[] { (5, 9, 11), (37, 300, 301) })
        {
            foreach (GemmPath path in new[] { GemmPath.Direct, GemmPath.Packed })
            {
                var random = new System.Random(43);
                double[] a = Fill(random, m * k);
                double[] b = Fill(random, k * n);
                double[] c = new double[m * n];

                Array.Fill(c, double.NaN);
                Run(kernel, a, b, c, m, k, n, accumulate: false, path, int.MaxValue);
                Assert.All(c, value => Assert.True(double.IsFinite(value)));

                c[0] = double.NaN;
                Run(kernel, a, b, c, m, k, n, accumulate: true, path, int.MaxValue);
                Assert.True(double.IsNaN(c[0]));
                Assert.All(c.AsSpan(1).ToArray(), value => Assert.True(double.IsFinite(value)));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Zero_depth_clears_C_or_leaves_it_unchanged(Kernel kernel)
    {
        double[] c = [1, 2, 3, 4, 5, 6];
        Run(kernel, [], [], c, 2, 0, 3, accumulate: true, GemmPath.Automatic, int.MaxValue);
        Assert.Equal(new double[] { 1, 2, 3, 4, 5, 6 }, c);

        Run(kernel, [], [], c, 2, 0, 3, accumulate: false, GemmPath.Automatic, int.MaxValue);
        Assert.Equal(new double[6], c);
    }

    [Fact]
    public void Spans_too_short_for_the_shape_are_rejected()
    {
        double[] six = new double[6];
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(new double[5], six, six, 2, 3, 2, accumulate: false));
        Assert.Throws<ArgumentException>(() => Gemm.MultiplyTransposedA(six, new double[5], six, 2, 3, 2, accumulate: false));
        Assert.Throws<ArgumentException>(() => Gemm.MultiplyTransposedB(six, six, new double[3], 2, 3, 2, accumulate: false));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(six, six, six, -1, 3, 2, accumulate: false));
    }

    [Fact]
    public void C_overlapping_A_or_B_is_rejected()
    {
        double[] buffer = new double[12];
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(buffer.AsSpan(0, 6), buffer.AsSpan(6, 6), buffer.AsSpan(2, 4), 2, 3, 2, accumulate: false));
        Assert.Throws<ArgumentException>(() => Gemm.MultiplyTransposedB(buffer.AsSpan(0, 6), buffer.AsSpan(6, 6), buffer.AsSpan(8, 4), 2, 3, 2, accumulate: false));
    }

    [Fact]
    public void Repeated_products_allocate_nothing()
    {
        var random = new System.Random(47);
        double[] a = Fill(random, 300 * 300);
        double[] b = Fill(random, 300 * 300);
        double[] c = new double[300 * 300];
        foreach (Kernel kernel in Enum.GetValues<Kernel>())
        {
            foreach ((int m, int k, int n) in new[] { (10, 2, 300), (5, 300, 10), (300, 300, 300) })
            {
                // The first large call on a thread sizes its packing buffers; the warm-up also lets the runtime finish
                // compiling the kernels (which may itself allocate a little, once, on this thread).
                for (int i = 0; i < 40; i++)
                {
                    Run(kernel, a, b, c, m, k, n, accumulate: false, GemmPath.Automatic, int.MaxValue);
                }

                const int Calls = 100;
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < Calls; i++)
                {
                    Run(kernel, a, b, c, m, k, n, accumulate: i % 2 == 0, GemmPath.Automatic, int.MaxValue);
                }

                // Any allocation per call would be at least an object header (24 bytes) per call.
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.True(allocated < Calls, $"{kernel} m={m} k={k} n={n}: {allocated} bytes over {Calls} calls");
            }
        }
    }

    /// <summary>Trials run side by side, one per thread: packing buffers must be per thread.</summary>
    [Fact]
    public void Concurrent_threads_get_correct_products()
    {
        const int Threads = 4;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var threads = new Thread[Threads];
        for (int t = 0; t < Threads; t++)
        {
            int seed = 100 + t;
            threads[t] = new Thread(() =>
            {
                try
                {
                    var random = new System.Random(seed);
                    for (int round = 0; round < 3; round++)
                    {
                        foreach (Kernel kernel in Enum.GetValues<Kernel>())
                        {
                            AssertMatchesNaive(random, kernel, GemmPath.Packed, int.MaxValue, 40 + seed % 7, 270 + seed, 250 + seed, accumulate: false);
                        }
                    }
                }
                catch (Exception e)
                {
                    failures.Enqueue(e);
                }
            });
            threads[t].Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        Assert.Empty(failures);
    }

    private static void AssertMatchesNaive(System.Random random, Kernel kernel, GemmPath path, int maxWidth, int m, int k, int n, bool accumulate)
    {
        double[] a = Fill(random, m * k);
        double[] b = Fill(random, k * n);
        double[] c = Fill(random, m * n);
        if (!accumulate)
        {
            // Overwrite must not read C: garbage there may not leak into the result.
            Array.Fill(c, double.NaN);
        }

        double[] expected = new double[m * n];
        double[] scale = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? c[i * n + j] : 0.0;
                double magnitude = Math.Abs(sum);
                for (int p = 0; p < k; p++)
                {
                    double product = a[IndexA(kernel, i, p, m, k)] * b[IndexB(kernel, p, j, k, n)];
                    sum += product;
                    magnitude += Math.Abs(product);
                }

                expected[i * n + j] = sum;
                scale[i * n + j] = magnitude;
            }
        }

        Run(kernel, a, b, c, m, k, n, accumulate, path, maxWidth);

        for (int index = 0; index < expected.Length; index++)
        {
            double error = Math.Abs(c[index] - expected[index]);
            if (!(error <= Tolerance * scale[index]))
            {
                Assert.Fail(
                    $"{kernel} on {path} (width <= {maxWidth}), m={m} k={k} n={n} accumulate={accumulate}: " +
                    $"C[{index / n},{index % n}] = {c[index]}, expected {expected[index]}");
            }
        }
    }

    private static void Run(Kernel kernel, double[] a, double[] b, double[] c, int m, int k, int n, bool accumulate, GemmPath path, int maxWidth)
    {
        switch (kernel)
        {
            case Kernel.Multiply:
                Gemm.Multiply(a, b, c, m, k, n, accumulate, path, maxWidth);
                break;
            case Kernel.TransposedA:
                Gemm.MultiplyTransposedA(a, b, c, m, k, n, accumulate, path, maxWidth);
                break;
            default:
                Gemm.MultiplyTransposedB(a, b, c, m, k, n, accumulate, path, maxWidth);
                break;
        }
    }

    /// <summary>Where op(A)(i, p) is stored: A is m x k, except for MultiplyTransposedA where it is stored k x m.</summary>
    private static int IndexA(Kernel kernel, int i, int p, int m, int k) => kernel == Kernel.TransposedA ? p * m + i : i * k + p;

    /// <summary>Where op(B)(p, j) is stored: B is k x n, except for MultiplyTransposedB where it is stored n x k.</summary>
    private static int IndexB(Kernel kernel, int p, int j, int k, int n) => kernel == Kernel.TransposedB ? j * k + p : p * n + j;

    private static double[] Fill(System.Random random, int length, double low = -1.0, double high = 1.0)
    {
        double[] values = new double[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = low + (high - low) * random.NextDouble();
        }

        return values;
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])), $"[{i}]: {actual[i]} vs {expected[i]}");
        }
    }
}
