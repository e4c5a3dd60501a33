using Sweep.Search.Strategies;

namespace Sweep.Search.Tests.Strategies;

public class RandomStrategyTests
{
    [Fact]
    public void A_configuration_is_the_same_whatever_order_and_how_often_it_is_asked()
    {
        var inOrder = new RandomStrategy(TestSpaces.Mixed, 50, seed: 7);
        var backwards = new RandomStrategy(TestSpaces.Mixed, 50, seed: 7);
        var backwardsAnswers = Enumerable.Range(0, 50).Reverse().ToDictionary(i => i, i => backwards.Ask(i).Values);

        for (int i = 0; i < 50; i++)
        {
            Assert.Equal(inOrder.Ask(i).Values, backwardsAnswers[i]);
            Assert.Equal(inOrder.Ask(i).Values, inOrder.Ask(i).Values);
        }
    }

    [Fact]
    public void Different_seeds_give_different_configurations()
    {
        var one = new RandomStrategy(TestSpaces.Mixed, 10, seed: 1);
        var two = new RandomStrategy(TestSpaces.Mixed, 10, seed: 2);

        for (int i = 0; i < 10; i++)
        {
            Assert.NotEqual(one.Ask(i).Values[0], two.Ask(i).Values[0]);
        }
    }

    [Fact]
    public void Configurations_of_one_search_differ_and_stay_inside_their_ranges()
    {
        var search = new RandomStrategy(TestSpaces.Mixed, 200, seed: 3);
        var configurations = Enumerable.Range(0, 200).Select(i => search.Ask(i)).ToList();

        Assert.Equal(200, configurations.Select(c => c.Values[1]).Distinct().Count());
        foreach (Configuration configuration in configurations)
        {
            for (int p = 0; p < TestSpaces.Mixed.Parameters.Count; p++)
            {
                Assert.True(TestSpaces.Mixed.Parameters[p].Distribution.Contains(configuration.Values[p]));
            }
        }
    }
}
