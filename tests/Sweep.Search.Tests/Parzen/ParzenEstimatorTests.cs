using Sweep.Search.Distributions;
using Sweep.Search.Parzen;
using Sweep.Search.Sampling;
using Sweep.Search.Strategies;
using Sweep.Search.Tests.Distributions;
using Sweep.Search.Tests.Strategies;

namespace Sweep.Search.Tests.Parzen;

public class ParzenEstimatorTests
{
    private static ParameterModel[] MixedModels() =>
        TestSpaces.Mixed.Parameters.Select(p => ParameterModel.For(p.Distribution)).ToArray();

    private static double[][] Observations(int count, ulong seed)
    {
        var random = new RandomStrategy(TestSpaces.Mixed, count, seed);
        return Enumerable.Range(0, count).Select(i => random.Ask(i).Values.ToArray()).ToArray();
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 40)]
    [InlineData(true, 40)]
    [InlineData(true, 300)]
    public void Log_density_matches_the_mixture_written_out_plainly(bool scottBandwidth, int count)
    {
        ParameterModel[] models = MixedModels();
        double[][] observations = Observations(count, seed: 3);
        double[] weights = ObservationWeights.For(count);
        int[] columns = [0, 1, 2, 3];
        var estimator = new ParzenEstimator(models, observations, columns, weights, priorWeight: 1.0, scottBandwidth);
        var reference = new ReferenceMixture(models, observations, weights, 1.0, estimator);

        Random source = DrawSource.For(9, 0, DrawPurpose.TpeProposal);
        var point = new double[4];
        for (int i = 0; i < 200; i++)
        {
            estimator.Sample(source, point);
            Assert.Equal(reference.LogDensity(point), estimator.LogDensity(point), 1e-9);
        }
    }

    [Fact]
    public void Draws_fit_the_mixture_of_truncated_normals()
    {
        var models = new[] { ParameterModel.For(new LogUniformDistribution(1e-4, 1)) };
        double[][] observations = [[1e-4], [2e-3], [3e-3], [0.5], [1]];
        double[] weights = ObservationWeights.For(observations.Length);
        var estimator = new ParzenEstimator(models, observations, [0], weights, priorWeight: 1.0, scottBandwidth: false);
        var reference = new ReferenceMixture(models, observations, weights, 1.0, estimator);

        Random source = DrawSource.For(5, 0, DrawPurpose.TpeProposal);
        var draws = new double[20_000];
        var point = new double[1];
        for (int i = 0; i < draws.Length; i++)
        {
            estimator.Sample(source, point);
            draws[i] = point[0];
        }

        Assert.All(draws, x => Assert.InRange(x, 1e-4, 1));
        double d = GoodnessOfFit.KolmogorovSmirnov(draws, reference.Cdf);
        Assert.True(d < GoodnessOfFit.KolmogorovSmirnovCritical(draws.Length), $"D = {d}");
    }

    [Fact]
    public void Univariate_kernels_are_as_wide_as_their_larger_gap_with_the_ends_looking_inward_and_clipped()
    {
        // Sorted with the ends: 0, 0.2, 0.5, 0.6, 1. Gaps give 0.3, 0.3, 0.4; the outermost look inward only
        // (0.3 and 0.1); no kernel is narrower than 1 / (3 + 2) = 0.2. The prior sits mid-range, as wide as the range.
        var models = new[] { ParameterModel.For(new UniformDistribution(0, 1)) };
        var estimator = new ParzenEstimator(models, [[0.6], [0.2], [0.5]], [0], ObservationWeights.For(3), 1.0, scottBandwidth: false);

        Assert.Equal([0.6, 0.2, 0.5, 0.5], estimator.Means(0));
        Assert.Equal(new[] { 0.2, 0.3, 0.3, 1.0 }, estimator.Widths(0).Select(w => Math.Round(w, 12)));
    }

    [Theory]
    [InlineData(20, 0)]
    [InlineData(3, 2.0)]
    public void Multivariate_kernels_share_scotts_width_over_the_widened_integer_range_unless_clipped(int count, double clipped)
    {
        // 0.2 * n^(-1 / (d + 4)) of the range, with d = 2 parameters and an integer's range widened to [0.5, 10.5];
        // with few observations the magic clip's floor, range / (n + 2), is wider and wins.
        var models = new[] { ParameterModel.For(new IntDistribution(1, 10)), ParameterModel.For(new UniformDistribution(0, 1)) };
        double[][] observations = Enumerable.Range(0, count).Select(i => new double[] { 1 + (i % 10), i / (double)count }).ToArray();
        var estimator = new ParzenEstimator(models, observations, [0, 1], ObservationWeights.For(count), 1.0, scottBandwidth: true);

        double width = clipped > 0 ? clipped : 0.2 * Math.Pow(count, -1.0 / 6) * 10;
        Assert.All(estimator.Widths(0).Take(count), w => Assert.Equal(width, w, 1e-12));
        Assert.Equal(10, estimator.Widths(0)[count], 1e-12);
    }
}
