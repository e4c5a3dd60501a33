using Sweep.Search.Distributions;

namespace Sweep.Search.Tests.Distributions;

public class DistributionRangeTests
{
    [Fact]
    public void Descriptions_name_the_kind_and_the_range()
    {
        Assert.Equal("uniform [0, 1]", new UniformDistribution(0, 1).Describe());
        Assert.Equal("log_uniform [0.0001, 1]", new LogUniformDistribution(1e-4, 1).Describe());
        Assert.Equal("int [200, 2000]", new IntDistribution(200, 2000).Describe());
        Assert.Equal("int [1, 64] log", new IntDistribution(1, 64, log: true).Describe());
        Assert.Equal("choice of 3", new ChoiceDistribution(3).Describe());
    }

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(2.0, 1.0)]
    [InlineData(double.NaN, 1.0)]
    [InlineData(0.0, double.PositiveInfinity)]
    public void Uniform_refuses_a_range_that_is_not_finite_and_increasing(double low, double high)
    {
        var error = Assert.Throws<ArgumentException>(() => new UniformDistribution(low, high));
        Assert.Contains("range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Log_ranges_refuse_a_low_end_that_is_not_positive()
    {
        Assert.Contains("low > 0", Assert.Throws<ArgumentException>(() => new LogUniformDistribution(0, 1)).Message, StringComparison.Ordinal);
        Assert.Contains("low >= 1", Assert.Throws<ArgumentException>(() => new IntDistribution(0, 8, log: true)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Int_and_choice_refuse_empty_ranges()
    {
        Assert.Throws<ArgumentException>(() => new IntDistribution(5, 5));
        Assert.Throws<ArgumentException>(() => new IntDistribution(5, 4));
        Assert.Throws<ArgumentException>(() => new ChoiceDistribution(0));
    }

    [Fact]
    public void Contains_accepts_only_values_the_distribution_can_produce()
    {
        Assert.True(new IntDistribution(1, 3).Contains(3));
        Assert.False(new IntDistribution(1, 3).Contains(2.5));
        Assert.False(new ChoiceDistribution(3).Contains(3));
        Assert.False(new LogUniformDistribution(0.1, 1).Contains(0.05));
    }
}
