using Sweep.Search.Strategies;

namespace Sweep.Search.Tests.Strategies;

public class TpeStrategyTests
{
    private static double? Bowl(IReadOnlyList<double> x) => TestSpaces.MixedBowl(x);

    private static TpeOptions Options(int samples, ulong seed, int parallel) =>
        new() { Samples = samples, Seed = seed, Parallel = parallel };

    [Fact]
    public void A_configuration_can_be_asked_only_once_everything_parallel_places_before_it_is_told()
    {
        var tpe = new TpeStrategy(TestSpaces.Mixed, Options(20, 1, parallel: 3));

        Assert.True(tpe.CanAsk(2));
        Assert.False(tpe.CanAsk(3));
        Assert.Throws<InvalidOperationException>(() => tpe.Ask(3));
        tpe.Tell(0, 1.0);
        Assert.True(tpe.CanAsk(3));
        tpe.Tell(2, 1.0);
        Assert.False(tpe.CanAsk(4));
        tpe.Tell(1, null);
        Assert.True(tpe.CanAsk(5));
        Assert.False(tpe.CanAsk(6));
    }

    [Fact]
    public void Startup_configurations_are_the_random_search_ones()
    {
        var tpe = new TpeStrategy(TestSpaces.Mixed, Options(40, 11, parallel: 1) with { StartupConfigurations = 10 });
        var random = new RandomStrategy(TestSpaces.Mixed, 40, seed: 11);

        Configuration[] configurations = SearchRun.Run(tpe, Bowl);

        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(random.Ask(i).Values, configurations[i].Values);
        }

        Assert.NotEqual(random.Ask(10).Values, configurations[10].Values);
    }

    [Fact]
    public void Proposals_do_not_depend_on_the_order_outcomes_arrive_in()
    {
        var inOrder = SearchRun.Run(new TpeStrategy(TestSpaces.Mixed, Options(60, 5, parallel: 4)), Bowl);
        var shuffled = SearchRun.Run(new TpeStrategy(TestSpaces.Mixed, Options(60, 5, parallel: 4)), Bowl, new Random(99));

        for (int i = 0; i < 60; i++)
        {
            Assert.Equal(inOrder[i].Values, shuffled[i].Values);
        }
    }

    [Fact]
    public void Outcomes_newer_than_index_minus_parallel_are_ignored()
    {
        const int parallel = 4;
        Configuration[] reference = SearchRun.Run(new TpeStrategy(TestSpaces.Mixed, Options(40, 8, parallel)), Bowl);
        const int asked = 30;

        var early = new TpeStrategy(TestSpaces.Mixed, Options(40, 8, parallel));
        for (int j = 0; j <= asked - parallel; j++)
        {
            early.Tell(j, Bowl(reference[j].Values));
        }

        // The late strategy also knows the outcomes of configurations asked - parallel + 1 .. 39, told newest first.
        var late = new TpeStrategy(TestSpaces.Mixed, Options(40, 8, parallel));
        for (int j = 39; j >= 0; j--)
        {
            late.Tell(j, Bowl(reference[j].Values));
        }

        Assert.Equal(reference[asked].Values, early.Ask(asked).Values);
        Assert.Equal(reference[asked].Values, late.Ask(asked).Values);
        Assert.NotEqual(reference[asked].Values, reference[asked - 1].Values);
    }

    [Fact]
    public void Telling_the_same_outcome_twice_is_ignored_and_a_different_one_refused()
    {
        var tpe = new TpeStrategy(TestSpaces.Mixed, Options(10, 1, parallel: 1));

        tpe.Tell(0, 0.5);
        tpe.Tell(0, 0.5);
        tpe.Tell(1, null);
        tpe.Tell(1, double.NaN);

        Assert.Throws<InvalidOperationException>(() => tpe.Tell(0, 0.25));
        Assert.Throws<InvalidOperationException>(() => tpe.Tell(1, 0.25));
    }

    [Fact]
    public void A_region_that_always_fails_is_avoided()
    {
        // Half the dropout range diverges; the other half is flat, so only the failures can steer the search.
        static double? FailsAboveHalf(IReadOnlyList<double> x) => x[1] > 0.5 ? null : 1.0;
        int tpeFailures = 0;
        int randomFailures = 0;
        for (ulong seed = 0; seed < 5; seed++)
        {
            Configuration[] tpe = SearchRun.Run(new TpeStrategy(TestSpaces.Mixed, Options(60, seed, parallel: 1)), FailsAboveHalf);
            tpeFailures += tpe.Skip(20).Count(c => FailsAboveHalf(c.Values) is null);
            var random = new RandomStrategy(TestSpaces.Mixed, 60, seed);
            randomFailures += Enumerable.Range(20, 40).Count(i => FailsAboveHalf(random.Ask(i).Values) is null);
        }

        Assert.True(tpeFailures * 2 < randomFailures, $"TPE failed {tpeFailures} times, random {randomFailures}");
    }

    [Fact]
    public void Proposals_stay_inside_every_distribution()
    {
        Configuration[] configurations = SearchRun.Run(new TpeStrategy(TestSpaces.Mixed, Options(80, 4, parallel: 2)), Bowl);

        foreach (Configuration configuration in configurations)
        {
            for (int p = 0; p < TestSpaces.Mixed.Parameters.Count; p++)
            {
                Assert.True(TestSpaces.Mixed.Parameters[p].Distribution.Contains(configuration.Values[p]), $"{configuration}");
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Tpe_finds_a_lower_loss_than_random_search_at_the_same_budget(bool multivariate)
    {
        const int seeds = 20;
        const int budget = 60;
        double tpeTotal = 0;
        double randomTotal = 0;
        int tpeWins = 0;
        for (ulong seed = 0; seed < seeds; seed++)
        {
            var options = Options(budget, seed, parallel: 2) with { Multivariate = multivariate };
            double tpe = SearchRun.BestLoss(SearchRun.Run(new TpeStrategy(TestSpaces.Mixed, options), Bowl), Bowl);
            double random = SearchRun.BestLoss(SearchRun.Run(new RandomStrategy(TestSpaces.Mixed, budget, seed), Bowl), Bowl);
            tpeTotal += tpe;
            randomTotal += random;
            tpeWins += tpe < random ? 1 : 0;
        }

        Assert.True(tpeTotal < 0.75 * randomTotal, $"mean best loss: TPE {tpeTotal / seeds}, random {randomTotal / seeds}");
        Assert.True(tpeWins >= 14, $"TPE won on {tpeWins} of {seeds} seeds");
    }

    [Fact]
    public void Multivariate_tpe_follows_a_correlated_valley_better_than_random_search()
    {
        static double? Valley(IReadOnlyList<double> x) => TestSpaces.CorrelatedValley(x);
        const int seeds = 20;
        double tpeTotal = 0;
        double randomTotal = 0;
        for (ulong seed = 0; seed < seeds; seed++)
        {
            var options = Options(60, seed, parallel: 1) with { Multivariate = true };
            tpeTotal += SearchRun.BestLoss(SearchRun.Run(new TpeStrategy(TestSpaces.Cube, options), Valley), Valley);
            randomTotal += SearchRun.BestLoss(SearchRun.Run(new RandomStrategy(TestSpaces.Cube, 60, seed), Valley), Valley);
        }

        Assert.True(tpeTotal < randomTotal, $"mean best loss: TPE {tpeTotal / seeds}, random {randomTotal / seeds}");
    }

    [Fact]
    public void Multivariate_and_univariate_tpe_propose_differently_after_startup()
    {
        var univariate = SearchRun.Run(new TpeStrategy(TestSpaces.Mixed, Options(30, 2, parallel: 1)), Bowl);
        var multivariate = SearchRun.Run(new TpeStrategy(TestSpaces.Mixed, Options(30, 2, parallel: 1) with { Multivariate = true }), Bowl);

        Assert.Equal(univariate[9].Values, multivariate[9].Values);
        Assert.NotEqual(univariate[10].Values, multivariate[10].Values);
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TpeStrategy(TestSpaces.Mixed, Options(10, 1, parallel: 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TpeStrategy(TestSpaces.Mixed, Options(10, 1, 1) with { PriorWeight = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TpeStrategy(TestSpaces.Mixed, Options(10, 1, 1) with { Candidates = 0 }));
    }
}
