using Sweep.Search.Distributions;
using Sweep.Search.Sampling;

namespace Sweep.Search.Tests.Distributions;

public class DistributionSamplingTests
{
    private const int Draws = 20_000;

    private static double[] Sample(IParameterDistribution distribution)
    {
        Random source = DrawSource.For(seed: 12345, index: 0, DrawPurpose.RandomConfiguration);
        var values = new double[Draws];
        for (int i = 0; i < Draws; i++)
        {
            values[i] = distribution.Sample(source);
        }

        return values;
    }

    private static int[] Counts(double[] values, int low, int high)
    {
        var counts = new int[high - low + 1];
        foreach (double value in values)
        {
            counts[(int)value - low]++;
        }

        return counts;
    }

    [Fact]
    public void Uniform_draws_fit_the_uniform_cdf()
    {
        var distribution = new UniformDistribution(-2, 3);
        double[] values = Sample(distribution);

        Assert.All(values, v => Assert.True(distribution.Contains(v)));
        double d = GoodnessOfFit.KolmogorovSmirnov(values, x => (x + 2) / 5);
        Assert.True(d < GoodnessOfFit.KolmogorovSmirnovCritical(Draws), $"D = {d}");
    }

    [Fact]
    public void Log_uniform_draws_fit_the_log_uniform_cdf()
    {
        var distribution = new LogUniformDistribution(1e-4, 1);
        double[] values = Sample(distribution);

        Assert.All(values, v => Assert.True(distribution.Contains(v)));
        double d = GoodnessOfFit.KolmogorovSmirnov(values, x => (Math.Log(x) - Math.Log(1e-4)) / -Math.Log(1e-4));
        Assert.True(d < GoodnessOfFit.KolmogorovSmirnovCritical(Draws), $"D = {d}");
    }

    [Fact]
    public void Int_draws_are_integers_with_equal_frequencies_and_both_ends_reached()
    {
        var distribution = new IntDistribution(3, 12);
        double[] values = Sample(distribution);

        Assert.All(values, v => Assert.True(distribution.Contains(v)));
        int[] counts = Counts(values, 3, 12);
        Assert.True(counts[0] > 0 && counts[^1] > 0);
        double p = GoodnessOfFit.ChiSquarePValue(counts, Enumerable.Repeat(0.1, 10).ToArray());
        Assert.True(p > 0.001, $"p = {p}");
    }

    [Fact]
    public void Log_int_draws_follow_the_widened_log_uniform_masses()
    {
        var distribution = new IntDistribution(1, 16, log: true);
        double[] values = Sample(distribution);

        Assert.All(values, v => Assert.True(distribution.Contains(v)));
        int[] counts = Counts(values, 1, 16);
        double total = Math.Log(16.5) - Math.Log(0.5);
        double[] expected = Enumerable.Range(1, 16).Select(k => (Math.Log(k + 0.5) - Math.Log(k - 0.5)) / total).ToArray();
        Assert.True(counts[0] > 0 && counts[^1] > 0);
        double p = GoodnessOfFit.ChiSquarePValue(counts, expected);
        Assert.True(p > 0.001, $"p = {p}");
    }

    [Fact]
    public void Choice_draws_every_index_equally_often()
    {
        var distribution = new ChoiceDistribution(3);
        double[] values = Sample(distribution);

        Assert.All(values, v => Assert.True(distribution.Contains(v)));
        double p = GoodnessOfFit.ChiSquarePValue(Counts(values, 0, 2), [1 / 3.0, 1 / 3.0, 1 / 3.0]);
        Assert.True(p > 0.001, $"p = {p}");
    }
}
