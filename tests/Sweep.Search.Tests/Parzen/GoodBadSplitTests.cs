using Sweep.Search.Parzen;

namespace Sweep.Search.Tests.Parzen;

public class GoodBadSplitTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(100, 10)]
    [InlineData(1000, 25)]
    public void The_good_group_is_a_tenth_rounded_up_and_at_most_25(int count, int good) =>
        Assert.Equal(good, GoodBadSplit.Gamma(count));

    [Fact]
    public void The_lowest_losses_are_good_and_failures_are_always_bad()
    {
        double?[] losses = [0.5, null, 0.1, 0.9, null, 0.3, 0.7, 0.2, 0.8, 0.6, 0.4, null];

        var (good, bad) = GoodBadSplit.Split(losses);

        Assert.Equal([2, 7], good);
        Assert.Equal([0, 1, 3, 4, 5, 6, 8, 9, 10, 11], bad);
    }

    [Fact]
    public void When_everything_failed_the_good_group_is_empty()
    {
        var (good, bad) = GoodBadSplit.Split([null, null, null]);

        Assert.Empty(good);
        Assert.Equal([0, 1, 2], bad);
    }

    [Fact]
    public void Equal_losses_favour_the_older_configuration()
    {
        var (good, _) = GoodBadSplit.Split([0.5, 0.2, 0.2, 0.9]);

        Assert.Equal([1], good);
    }
}
