using Sweep.Training.Kernels;

namespace Sweep.Training.Tests.Kernels;

/// <summary>
/// The layer steps that run inside the products (bias, ReLU, dropout mask, ReLU's derivative) against the same
/// formulas computed naively, element by element, for every register width and every kind of tail, and on the
/// packed path that does them as separate passes. Agreement is to 1e-12 relative to the scale of the sum
/// (<c>sum_p |W(i,p) X(p,j)| + |b_i|</c>), as in <see cref="GemmTests"/>.
/// </summary>
public sealed class FusedLayerStepTests
{
    private const double Tolerance = 1e-12;
    private const double KeepScale = 1 / 0.7;

    private static readonly int[] Columns = [1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 33, 211];

    public enum LayerStep
    {
        Bias,
        BiasRelu,
        BiasReluWithoutLogits,
        BiasReluMasked,
        ReluGate,
        ReluGateScaled,
    }

    public static TheoryData<LayerStep, int> StepsAndWidths()
    {
        var data = new TheoryData<LayerStep, int>();
        foreach (LayerStep step in Enum.GetValues<LayerStep>())
        {
            foreach (int width in new[] { 8, 4, 2, 1 })
            {
                data.Add(step, width);
            }
        }

        return data;
    }

    public static TheoryData<LayerStep> Steps() => new(Enum.GetValues<LayerStep>());

    [Theory]
    [MemberData(nameof(StepsAndWidths))]
    public void Fused_step_matches_the_naive_formula_for_every_tail(LayerStep step, int maxWidth)
    {
        foreach (int m in new[] { 1, 2, 3, 4, 5, 9 })
        {
            foreach (int k in new[] { 1, 2, 3, 20 })
            {
                foreach (int n in Columns)
                {
                    AssertStepMatches(step, m, k, n, maxWidth, seed: (m * 100) + (k * 10) + n);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void Step_on_a_product_too_large_for_registers_matches_the_naive_formula(LayerStep step)
    {
        AssertStepMatches(step, 67, 129, 300, int.MaxValue, seed: 3);
        AssertStepMatches(step, 1, 300, 300, int.MaxValue, seed: 4);
        AssertStepMatches(step, 300, 1, 67, int.MaxValue, seed: 5);
    }

    [Fact]
    public void Relu_keeps_NaN_in_the_logits_as_NaN_in_the_activations()
    {
        double[] w = [double.NaN, 1.0];
        double[] x = Enumerable.Range(0, 9).Select(j => (double)j - 4).ToArray();
        var z = new double[18];
        var a = new double[18];

        Gemm.MultiplyAddBiasRelu(w, x, [0.0, 0.5], [], z, a, 2, 1, 9);

        Assert.All(a[..9], value => Assert.True(double.IsNaN(value)));
        Assert.Equal(x.Select(v => Math.Max(v + 0.5, 0.0)), a[9..]);
    }

    [Fact]
    public void Relu_gate_passes_the_scaled_gradient_only_where_the_activation_is_positive()
    {
        double[] w = [2.0];
        double[] next = Enumerable.Repeat(1.5, 9).ToArray();
        double[] a = [0.3, 0.0, -0.0, double.NaN, 1e-300, 4.0, -1.0, 2.0, 0.0];
        var dz = new double[9];

        Gemm.MultiplyTransposedAReluGate(w, next, a, KeepScale, dz, 1, 1, 9);

        Assert.Equal([3 * KeepScale, 0, 0, 0, 3 * KeepScale, 3 * KeepScale, 0, 3 * KeepScale, 0], dz);
    }

    private static void AssertStepMatches(LayerStep step, int m, int k, int n, int maxWidth, int seed)
    {
        // Forward: Z (m x n) = W (m x k) X (k x n). Backward: dZ (k x n) = W^T dZ_next with W stored m x k and
        // dZ_next m x n, so the same (m, k, n) walks the same shapes from the other side.
        var random = new System.Random(seed);
        bool backward = step is LayerStep.ReluGate or LayerStep.ReluGateScaled;
        int rows = backward ? k : m;
        int depth = backward ? m : k;
        double[] w = Fill(random, m * k);
        double[] x = Fill(random, depth * n);
        double[] bias = Fill(random, rows);
        double[] mask = Enumerable.Range(0, rows * n).Select(_ => random.NextDouble() < 0.7 ? KeepScale : 0.0).ToArray();
        double[] activations = Enumerable.Range(0, rows * n).Select(_ => random.NextDouble() < 0.5 ? 0.0 : random.NextDouble()).ToArray();
        var z = Enumerable.Repeat(double.NaN, rows * n).ToArray();
        var output = Enumerable.Repeat(double.NaN, rows * n).ToArray();

        switch (step)
        {
            case LayerStep.Bias:
                Gemm.MultiplyAddBias(w, x, bias, z, m, k, n, maxWidth);
                break;
            case LayerStep.BiasRelu:
                Gemm.MultiplyAddBiasRelu(w, x, bias, [], z, output, m, k, n, maxWidth);
                break;
            case LayerStep.BiasReluWithoutLogits:
                Gemm.MultiplyAddBiasRelu(w, x, bias, [], [], output, m, k, n, maxWidth);
                break;
            case LayerStep.BiasReluMasked:
                Gemm.MultiplyAddBiasRelu(w, x, bias, mask, z, output, m, k, n, maxWidth);
                break;
            case LayerStep.ReluGate:
                Gemm.MultiplyTransposedAReluGate(w, x, activations, 1.0, output, k, m, n, maxWidth);
                break;
            case LayerStep.ReluGateScaled:
                Gemm.MultiplyTransposedAReluGate(w, x, activations, KeepScale, output, k, m, n, maxWidth);
                break;
        }

        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0.0, scale = 0.0;
                for (int p = 0; p < depth; p++)
                {
                    double term = (backward ? w[(p * k) + i] : w[(i * k) + p]) * x[(p * n) + j];
                    sum += term;
                    scale += Math.Abs(term);
                }

                int at = (i * n) + j;
                string where = $"{step} {m}x{k}x{n} width {maxWidth} at ({i}, {j})";
                if (backward)
                {
                    double expected = activations[at] > 0 ? sum * (step == LayerStep.ReluGateScaled ? KeepScale : 1.0) : 0.0;
                    Assert.True(Math.Abs(output[at] - expected) <= Tolerance * scale * KeepScale, $"{where}: {output[at]} != {expected}");
                    continue;
                }

                double logit = sum + bias[i];
                scale += Math.Abs(bias[i]);
                if (step != LayerStep.BiasReluWithoutLogits)
                {
                    Assert.True(Math.Abs(z[at] - logit) <= Tolerance * scale, $"{where}: z {z[at]} != {logit}");
                }

                if (step != LayerStep.Bias)
                {
                    double expected = Math.Max(logit, 0.0) * (step == LayerStep.BiasReluMasked ? mask[at] : 1.0);
                    Assert.True(Math.Abs(output[at] - expected) <= Tolerance * scale * KeepScale, $"{where}: a {output[at]} != {expected}");
                }
            }
        }
    }

    private static double[] Fill(System.Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (random.NextDouble() * 4) - 2).ToArray();
}
