using Sweep.Domain;
using Sweep.Search.Ranking;

namespace Sweep.Search.Tests.Ranking;

/// <summary>The one leaderboard: configurations by their mean over seeds, single trials by the ranking rule.</summary>
public sealed class LeaderboardTests
{
    [Fact]
    public void Configurations_rank_by_their_mean_over_seeds_with_its_spread_and_worst_seed()
    {
        Leaderboard board = Leaderboard.Of(
        [
            Trial("a1", "a", seed: 1, 0.90), Trial("a2", "a", seed: 2, 0.80), Trial("a3", "a", seed: 3, 0.70),
            Trial("b1", "b", seed: 1, 0.84), Trial("b2", "b", seed: 2, 0.86),
        ], TrialMetrics.TestAccuracy, higherIsBetter: true);

        IReadOnlyList<ConfigurationStanding> top = board.TopConfigurations();

        Assert.Equal(["b", "a"], top.Select(c => c.ConfigurationId));
        ConfigurationStanding a = top[1];
        Assert.Equal(0.80, a.Mean, 12);
        Assert.Equal(0.10, a.StandardDeviation!.Value, 12);
        Assert.Equal((0.70, 3), (a.Worst, a.SeedsCompleted));
        Assert.Equal(["a1", "a2", "a3"], a.Trials.Select(t => t.TrialId));
        Assert.True(board.HasRepeats);
        Assert.Equal("a1", board.TopTrials(1)[0].TrialId);
    }

    [Fact]
    public void A_configuration_with_a_seed_that_did_not_complete_ranks_below_those_whose_seeds_all_did()
    {
        Leaderboard board = Leaderboard.Of(
        [
            Trial("a1", "a", seed: 1, 0.99), Trial("a2", "a", seed: 2, null),
            Trial("b1", "b", seed: 1, 0.70), Trial("b2", "b", seed: 2, 0.70),
        ], TrialMetrics.TestAccuracy, higherIsBetter: true);

        IReadOnlyList<ConfigurationStanding> top = board.TopConfigurations();

        Assert.Equal(["b", "a"], top.Select(c => c.ConfigurationId));
        Assert.Equal((1, 2, false), (top[1].SeedsCompleted, top[1].Trials.Count, top[1].AllCompleted));
        Assert.Null(top[1].StandardDeviation);
    }

    [Fact]
    public void Equal_means_rank_by_the_lower_mean_tie_break_cost_then_the_id()
    {
        Leaderboard board = Leaderboard.Of(
        [
            Trial("c1", "c", seed: 1, 0.8, cost: 0.5), Trial("b1", "b", seed: 1, 0.8, cost: 0.3), Trial("a1", "a", seed: 1, 0.8, cost: 0.5),
        ], TrialMetrics.TestAccuracy, higherIsBetter: true);

        Assert.Equal(["b", "a", "c"], board.TopConfigurations().Select(c => c.ConfigurationId));
        Assert.False(board.HasRepeats);
    }

    [Fact]
    public void Trials_rank_by_value_then_tie_break_cost_then_id_leaving_out_those_that_did_not_complete()
    {
        Leaderboard board = Leaderboard.Of(
        [
            Trial("e", "e", seed: 1, 0.7), Trial("d", "d", seed: 1, 0.9, cost: 0.4), Trial("x", "x", seed: 1, null),
            Trial("c", "c", seed: 1, 0.9, cost: 0.2), Trial("b", "b", seed: 1, 0.9, cost: 0.4), Trial("a", "a", seed: 1, 0.6),
        ], TrialMetrics.TestAccuracy, higherIsBetter: true);

        Assert.Equal(["c", "b", "d", "e", "a"], board.TopTrials().Select(t => t.TrialId));
        Assert.Equal(["c", "b"], board.TopTrials(2).Select(t => t.TrialId));
        Assert.Equal(5, board.TopTrials(50).Count);
        Assert.Empty(board.TopTrials(0));
    }

    [Fact]
    public void Lower_is_better_for_a_cost_and_the_worst_seed_is_the_highest()
    {
        Leaderboard board = Leaderboard.Of(
        [
            Cost("a1", "a", 1, 0.2), Cost("a2", "a", 2, 0.4), Cost("b1", "b", 1, 0.35), Cost("b2", "b", 2, 0.35),
        ], TrialMetrics.TestCost, higherIsBetter: false);

        ConfigurationStanding best = board.TopConfigurations()[0];

        Assert.Equal(("a", 0.3, 0.4), (best.ConfigurationId, Math.Round(best.Mean, 12), best.Worst));
    }

    [Fact]
    public void The_best_kept_as_results_arrive_is_the_top_of_the_full_ranking_in_any_order()
    {
        TrialResult[] trials =
        [
            Trial("a1", "a", 1, 0.95), Trial("a2", "a", 2, 0.60), Trial("b1", "b", 1, 0.85), Trial("b2", "b", 2, 0.84),
            Trial("c1", "c", 1, 0.70), Trial("c2", "c", 2, null), Trial("d1", "d", 1, 0.86), Trial("d2", "d", 2, 0.83),
        ];
        var random = new Random(3);
        for (int round = 0; round < 50; round++)
        {
            var board = new Leaderboard(TrialMetrics.TestAccuracy, higherIsBetter: true);
            foreach (TrialResult trial in trials.OrderBy(_ => random.Next()))
            {
                board.Add(trial);
                Assert.Equal(board.TopConfigurations(1) is [var top] ? top.ConfigurationId : null, board.Best?.ConfigurationId);
            }

            Assert.Equal("b", board.Best!.ConfigurationId);
        }
    }

    [Fact]
    public void The_best_asked_for_now_and_then_as_results_arrive_is_the_top_of_the_full_ranking()
    {
        TrialResult[] trials =
        [
            .. Enumerable.Range(0, 60).Select(i => Trial($"t{i:D2}", $"c{i % 7}", seed: i / 7, accuracy: i % 11 == 0 ? null : 0.5 + ((i * 29 % 31) / 100.0))),
        ];
        var random = new Random(11);
        for (int round = 0; round < 30; round++)
        {
            var board = new Leaderboard(TrialMetrics.TestAccuracy, higherIsBetter: true);
            var added = new List<TrialResult>();
            int every = 1 + (round % 5);
            foreach (TrialResult trial in trials.OrderBy(_ => random.Next()))
            {
                board.Add(trial);
                added.Add(trial);
                if (added.Count % every == 0)
                {
                    Assert.Equal(Leaderboard.Of(added, TrialMetrics.TestAccuracy, true).Best?.ConfigurationId, board.Best?.ConfigurationId);
                }
            }

            Assert.Equal(Leaderboard.Of(trials, TrialMetrics.TestAccuracy, true).TopConfigurations().Select(c => c.ConfigurationId), board.TopConfigurations().Select(c => c.ConfigurationId));
        }
    }

    [Fact]
    public void A_configuration_added_in_any_order_holds_its_trials_by_seed_then_id_and_its_best_trial_is_the_top_of_its_own_ranking()
    {
        TrialResult[] trials =
        [
            .. Enumerable.Range(1, 40).Select(seed => Trial($"a{seed:D2}", "a", seed, seed % 7 == 0 ? null : 0.5 + ((seed * 37 % 41) / 100.0), cost: seed % 3 / 10.0)),
            Trial("a-twin", "a", 5, 0.91, cost: 0.0), Trial("a-other", "a", 5, 0.91, cost: 0.0),
        ];
        var random = new Random(7);
        for (int round = 0; round < 20; round++)
        {
            Leaderboard board = Leaderboard.Of(trials.OrderBy(_ => random.Next()), TrialMetrics.TestAccuracy, higherIsBetter: true);
            ConfigurationStanding a = board.Best!;

            Assert.Equal(trials.OrderBy(t => t.Seed).ThenBy(t => t.TrialId, StringComparer.Ordinal).Select(t => t.TrialId), a.Trials.Select(t => t.TrialId));
            Assert.Equal(Leaderboard.Of(trials, TrialMetrics.TestAccuracy, higherIsBetter: true).Best, a, new StandingComparer());
            Assert.Equal(Leaderboard.Of(a.Trials, TrialMetrics.TestAccuracy, true).TopTrials(1)[0].TrialId, Leaderboard.BestTrialOf(a, TrialMetrics.TestAccuracy, true)!.TrialId);
            Assert.Equal(Leaderboard.Of(a.Trials, TrialMetrics.TestAccuracy, false).TopTrials(1)[0].TrialId, Leaderboard.BestTrialOf(a, TrialMetrics.TestAccuracy, false)!.TrialId);
        }
    }

    [Fact]
    public void A_configuration_with_no_completed_trial_has_no_best_trial()
    {
        var standing = new ConfigurationStanding("c", [Trial("c1", "c", 1, null)], double.NaN, null, double.NaN, 0);

        Assert.Null(Leaderboard.BestTrialOf(standing, TrialMetrics.TestAccuracy, higherIsBetter: true));
    }

    [Fact]
    public void A_trial_stored_without_a_configuration_id_is_a_configuration_of_its_own()
    {
        Leaderboard board = Leaderboard.Of([Trial("x", "", 1, 0.9), Trial("y", "", 1, 0.8)], TrialMetrics.TestAccuracy, higherIsBetter: true);

        Assert.Equal(["x", "y"], board.TopConfigurations().Select(c => c.ConfigurationId));
        Assert.False(board.HasRepeats);
    }

    [Fact]
    public void A_regression_ranks_by_lower_rmse_and_higher_r2_through_the_one_rule()
    {
        TrialResult[] trials =
        [
            Trial("far", "far", 1, null) with { Status = TrialResultStatus.Completed, TestRmse = 80, TestR2 = 0.1, TestCost = 0.5 },
            Trial("close", "close", 1, null) with { Status = TrialResultStatus.Completed, TestRmse = 50, TestR2 = 0.6, TestCost = 0.2 },
            Trial("middle", "middle", 1, null) with { Status = TrialResultStatus.Completed, TestRmse = 60, TestR2 = 0.45, TestCost = 0.3 },
        ];

        Leaderboard byRmse = Leaderboard.Of(trials, TrialMetrics.TestRmse, TrialMetrics.IsHigherBetter(TrialMetrics.TestRmse));
        Leaderboard byR2 = Leaderboard.Of(trials, TrialMetrics.TestR2, TrialMetrics.IsHigherBetter(TrialMetrics.TestR2));

        Assert.Equal(["close", "middle", "far"], byRmse.TopTrials(3).Select(t => t.TrialId));
        Assert.Equal(["close", "middle", "far"], byR2.TopTrials(3).Select(t => t.TrialId));
    }

    /// <summary>Two standings are the same: the same trials in the same order and the same figures.</summary>
    private sealed class StandingComparer : IEqualityComparer<ConfigurationStanding?>
    {
        public bool Equals(ConfigurationStanding? x, ConfigurationStanding? y) =>
            x is not null && y is not null && x.ConfigurationId == y.ConfigurationId && x.Trials.SequenceEqual(y.Trials)
            && x.Mean.Equals(y.Mean) && x.StandardDeviation.Equals(y.StandardDeviation) && x.Worst.Equals(y.Worst) && x.SeedsCompleted == y.SeedsCompleted;

        public int GetHashCode(ConfigurationStanding? obj) => obj?.ConfigurationId.GetHashCode(StringComparison.Ordinal) ?? 0;
    }

    private static TrialResult Trial(string id, string configuration, int seed, double? accuracy, double cost = 0.3) => new()
    {
        TrialId = id,
        ConfigurationId = configuration,
        Sweep = "s",
        SweepFileHash = "h",
        Seed = seed,
        Status = accuracy is null ? TrialResultStatus.Diverged : TrialResultStatus.Completed,
        TestAccuracy = accuracy,
        TestCost = accuracy is null ? null : cost,
    };

    private static TrialResult Cost(string id, string configuration, int seed, double cost) =>
        Trial(id, configuration, seed, 0.5) with { TestCost = cost };
}
