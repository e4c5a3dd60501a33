using Sweep.Insight.Rules;

namespace Sweep.Insight.Tests.Rules;

public class InitializerForActivationTests
{
    [Fact]
    public void Ranks_initializers_per_activation_by_mean_accuracy()
    {
        var sweep = Trials.TwoClasses(
            Trials.Completed("initializer=he", "activation=relu") with { TestAccuracy = 0.96 },
            Trials.Completed("initializer=xavier", "activation=relu") with { TestAccuracy = 0.90 },
            Trials.Completed("initializer=he", "activation=tanh") with { TestAccuracy = 0.80 },
            Trials.Completed("initializer=xavier", "activation=tanh") with { TestAccuracy = 0.93 },
            Trials.Completed("initializer=xavier", "activation=tanh") with { TestAccuracy = 0.91 });

        var findings = new InitializerForActivation().Find(sweep).ToList();

        Assert.Equal([("relu", "he"), ("tanh", "xavier")], findings.Select(f => (f.Settings["activation"], f.Settings["initializer"])));
        Assert.Equal("With relu hidden units, he suits this data best: mean test accuracy 0.96 over 1 trial, against xavier 0.90 (1 trial).", findings[0].Sentence);
        Assert.Equal(0.92, findings[1].Numbers["test_accuracy"], 12);
    }

    [Fact]
    public void An_initializer_none_of_whose_trials_completed_ranks_last_and_says_so()
    {
        var sweep = Trials.TwoClasses(
            Trials.Diverged("the cost became NaN at iteration 3", "initializer=random:100"),
            Trials.Completed("initializer=he") with { TestAccuracy = 0.9 });

        Finding finding = Assert.Single(new InitializerForActivation().Find(sweep));

        Assert.EndsWith("against random:100: none of 1 trial completed.", finding.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void Says_nothing_with_one_initializer()
    {
        Assert.Empty(new InitializerForActivation().Find(Trials.TwoClasses(Trials.Completed("l2_lambda=0"), Trials.Completed("l2_lambda=1"))));
    }
}
