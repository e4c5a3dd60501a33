using Sweep.Search.Distributions;

namespace Sweep.Search.Tests;

public class SearchSpaceTests
{
    [Fact]
    public void Parameters_keep_their_declared_order()
    {
        var space = new SearchSpace(new SearchParameter("b", new ChoiceDistribution(2)), new SearchParameter("a", new UniformDistribution(0, 1)));

        Assert.Equal(["b", "a"], space.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void A_name_declared_twice_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SearchSpace(
            new SearchParameter("lr", new UniformDistribution(0, 1)), new SearchParameter("lr", new ChoiceDistribution(2))));

        Assert.Contains("'lr'", error.Message, StringComparison.Ordinal);
    }
}
