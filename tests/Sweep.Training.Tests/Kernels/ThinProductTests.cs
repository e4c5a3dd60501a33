using Sweep.Training.Kernels;

namespace Sweep.Training.Tests.Kernels;

// The streaming paths for a single row or a single inner index on a large operand (an output layer of one unit).
public class ThinProductTests
{
    [Theory]
    [InlineData(1, 256, 10_001, false)]
    [InlineData(1, 17, 4_099, true)]
    public void Single_row_times_a_large_matrix_matches_the_naive_product(int m, int k, int n, bool accumulate)
    {
        var (a, b, c) = Operands(m * k, k * n, m * n);
        double[] expected = Naive(c, accumulate, m, n, k, (i, j, p) => a[i * k + p] * b[p * n + j]);

        Gemm.Multiply(a, b, c, m, k, n, accumulate);

        AssertClose(expected, c);
    }

    [Theory]
    [InlineData(256, 1, 10_001, false)]
    [InlineData(5, 1, 4_099, true)]
    public void Outer_product_of_a_single_inner_index_matches_the_naive_product(int m, int k, int n, bool accumulate)
    {
        var (a, b, c) = Operands(k * m, k * n, m * n);
        double[] expected = Naive(c, accumulate, m, n, k, (i, j, p) => a[p * m + i] * b[p * n + j]);

        Gemm.MultiplyTransposedA(a, b, c, m, k, n, accumulate);

        AssertClose(expected, c);
    }

    [Theory]
    [InlineData(1, 10_001, 256, false)]
    [InlineData(1, 4_099, 3, true)]
    public void Single_row_times_a_large_transposed_matrix_matches_the_naive_product(int m, int k, int n, bool accumulate)
    {
        var (a, b, c) = Operands(m * k, n * k, m * n);
        double[] expected = Naive(c, accumulate, m, n, k, (i, j, p) => a[i * k + p] * b[j * k + p]);

        Gemm.MultiplyTransposedB(a, b, c, m, k, n, accumulate);

        AssertClose(expected, c);
    }

    private static (double[] A, double[] B, double[] C) Operands(int aLength, int bLength, int cLength)
    {
        var random = new System.Random(7);
        double[] Draw(int length) => Enumerable.Range(0, length).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        return (Draw(aLength), Draw(bLength), Draw(cLength));
    }

    private static double[] Naive(double[] c, bool accumulate, int m, int n, int k, Func<int, int, int, double> term)
    {
        var result = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? c[i * n + j] : 0.0;
                for (int p = 0; p < k; p++)
                {
                    sum += term(i, j, p);
                }

                result[i * n + j] = sum;
            }
        }

        return result;
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12 * Math.Max(1, scale) * 100, $"element {i}: {actual[i]} vs {expected[i]}");
        }
    }
}
