using Sweep.Insight.Importance;

namespace Sweep.Insight.Tests.Importance;

public sealed class GridDensityTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_cells_hold_all_the_mass(bool ordered)
    {
        GridDensity density = GridDensity.Of([0, 3, 0, 0, 7, 1], ordered);

        Assert.Equal(1.0, density.Mass.Sum(), 12);
        Assert.All(density.Mass, m => Assert.True(m > 0));
    }

    [Fact]
    public void Ordered_cells_spread_mass_to_the_neighbours_of_the_values_and_categories_do_not()
    {
        int[] counts = [0, 0, 0, 20, 0, 0, 0, 0, 0, 0];

        GridDensity ordered = GridDensity.Of(counts, ordered: true);
        GridDensity categories = GridDensity.Of(counts, ordered: false);

        Assert.True(ordered.Mass[2] > ordered.Mass[8] * 2, $"{ordered.Mass[2]} vs {ordered.Mass[8]}");
        Assert.Equal(categories.Mass[2], categories.Mass[8], 15);
        Assert.Equal(3, Array.IndexOf([.. categories.Mass], categories.Mass.Max()));
    }

    [Fact]
    public void The_prior_keeps_an_empty_cell_possible_but_rarer_with_more_values()
    {
        GridDensity few = GridDensity.Of([2, 0, 0, 0], ordered: false);
        GridDensity many = GridDensity.Of([200, 0, 0, 0], ordered: false);

        Assert.True(many.Mass[3] > 0 && many.Mass[3] < few.Mass[3], $"{many.Mass[3]} vs {few.Mass[3]}");
    }
}
