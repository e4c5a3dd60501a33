namespace Sweep.Insight.Tests;

public class CulpritsTests
{
    [Fact]
    public void The_setting_whose_values_split_affected_from_unaffected_trials_is_named()
    {
        var trials = new[]
        {
            Trials.Completed("initializer=zeros", "l2_lambda=0"),
            Trials.Completed("initializer=zeros", "l2_lambda=0.7"),
            Trials.Completed("initializer=he", "l2_lambda=0"),
            Trials.Completed("initializer=he", "l2_lambda=0.7"),
        };

        var groups = Culprits.Of(trials, t => t.Parameters["initializer"] == "zeros");

        SettingGroup group = Assert.Single(groups);
        Assert.Equal("initializer zeros", group.Label);
        Assert.Equal("initializer zeros: 2 of 2 trials", group.Opening);
    }

    [Fact]
    public void Configurations_are_named_when_no_single_setting_explains_the_affected_trials()
    {
        var trials = new[]
        {
            Trials.Completed("l2_lambda=0", "keep_prob=1"),
            Trials.Completed("l2_lambda=0.7", "keep_prob=1"),
            Trials.Completed("l2_lambda=0", "keep_prob=0.86"),
        };

        var groups = Culprits.Of(trials, t => t == trials[0]);

        Assert.Equal("l2_lambda 0, keep_prob 1: 1 of 1 trials", Assert.Single(groups).Opening);
    }

    [Fact]
    public void A_problem_of_every_trial_is_said_once_for_all_trials()
    {
        var trials = new[] { Trials.Completed("initializer=he"), Trials.Completed("initializer=xavier") };

        var groups = Culprits.Of(trials, _ => true);

        Assert.Equal("all trials: 2 of 2 trials", Assert.Single(groups).Opening);
    }

    [Fact]
    public void The_seed_is_not_a_culprit_when_other_settings_are_searched()
    {
        var trials = new[]
        {
            Trials.Completed("initializer=zeros", "seed=1"),
            Trials.Completed("initializer=he", "seed=1"),
            Trials.Completed("initializer=he", "seed=2"),
        };

        var groups = Culprits.Of(trials, t => t == trials[0]);

        Assert.Equal("initializer zeros", Assert.Single(groups).Label);
    }

    [Fact]
    public void Nothing_is_named_when_no_trial_is_affected()
    {
        Assert.Empty(Culprits.Of([Trials.Completed("initializer=he")], _ => false));
    }

    [Fact]
    public void A_setting_whose_values_hold_mostly_affected_trials_is_named_value_by_value()
    {
        var trials = new[]
        {
            Trials.Completed("initializer=zeros", "l2_lambda=0"),
            Trials.Completed("initializer=zeros", "l2_lambda=0.7"),
            Trials.Completed("initializer=random:10", "l2_lambda=0"),
            Trials.Completed("initializer=random:10", "l2_lambda=0.7"),
            Trials.Completed("initializer=he", "l2_lambda=0"),
            Trials.Completed("initializer=he", "l2_lambda=0.7"),
        };

        var groups = Culprits.Of(trials, t => t.Initializer == "zeros" || t == trials[2]);

        Assert.Equal(["initializer zeros: 2 of 2 trials", "initializer random:10: 1 of 2 trials"], groups.Select(g => g.Opening));
    }
}
