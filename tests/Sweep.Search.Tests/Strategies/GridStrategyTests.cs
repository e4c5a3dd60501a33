using Sweep.Search.Distributions;
using Sweep.Search.Strategies;

namespace Sweep.Search.Tests.Strategies;

public class GridStrategyTests
{
    private static readonly SearchSpace TwoByThree = new(
        new SearchParameter("optimizer", new ChoiceDistribution(2)), new SearchParameter("width", new ChoiceDistribution(3)));

    [Fact]
    public void The_first_parameter_is_outermost_and_the_last_varies_fastest()
    {
        var grid = new GridStrategy(TwoByThree);

        Assert.Equal(6, grid.Count);
        double[][] expected = [[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2]];
        for (int i = 0; i < grid.Count; i++)
        {
            Assert.Equal(expected[i], grid.Ask(i).Values);
        }
    }

    [Fact]
    public void Explicit_points_are_proposed_in_order_so_grids_can_be_concatenated()
    {
        var oneByTwo = new SearchSpace(new SearchParameter("optimizer", new ChoiceDistribution(1)), new SearchParameter("width", new ChoiceDistribution(2)));
        var points = GridStrategy.Product(TwoByThree).Concat(GridStrategy.Product(oneByTwo)).ToList();
        var grid = new GridStrategy(points);

        Assert.Equal(8, grid.Count);
        Assert.Equal([1, 2], grid.Ask(5).Values);
        Assert.Equal([0, 1], grid.Ask(7).Values);
        Assert.True(grid.CanAsk(7));
    }

    [Fact]
    public void A_grid_takes_only_choices()
    {
        var space = new SearchSpace(new SearchParameter("lr", new UniformDistribution(0, 1)));

        var error = Assert.Throws<ArgumentException>(() => new GridStrategy(space));
        Assert.Contains("'lr' is uniform [0, 1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_index_outside_the_grid_is_refused()
    {
        var grid = new GridStrategy(TwoByThree);

        Assert.Throws<ArgumentOutOfRangeException>(() => grid.Ask(6));
        Assert.Throws<ArgumentOutOfRangeException>(() => grid.Tell(-1, 0.5));
    }
}
