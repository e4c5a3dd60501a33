using Sweep.Insight.Rules;

namespace Sweep.Insight.Tests.Rules;

public class DivergenceTests
{
    [Fact]
    public void Names_the_learning_rate_that_diverged_with_the_engines_message()
    {
        var sweep = Trials.TwoClasses(
            Trials.Completed("learning_rate=0.1"),
            Trials.Diverged("the gradient became infinite at iteration 8", "learning_rate=50"));

        Finding finding = Assert.Single(new Divergence().Find(sweep));

        Assert.Equal(FindingKinds.Divergence, finding.Kind);
        Assert.Equal("learning_rate 50: 1 of 1 trials diverged: the gradient became infinite at iteration 8.", finding.Sentence);
        Assert.Equal(9, finding.Numbers["iterations_run"]);
        Assert.Equal([sweep.All[1].TrialId], finding.TrialIds);
    }

    [Fact]
    public void A_sampled_learning_rate_reads_to_four_digits_and_stays_exact_in_the_settings()
    {
        var sweep = Trials.TwoClasses(
            Trials.Completed("learning_rate=0.012"),
            Trials.Diverged("the cost became NaN at iteration 8", "learning_rate=7.263097454023731"));

        Finding finding = Assert.Single(new Divergence().Find(sweep));

        Assert.StartsWith("learning_rate 7.263: 1 of 1 trials diverged", finding.Sentence, StringComparison.Ordinal);
        Assert.Equal("7.263097454023731", finding.Settings["learning_rate"]);
    }

    [Fact]
    public void Says_nothing_when_no_trial_diverged()
    {
        Assert.Empty(new Divergence().Find(Trials.TwoClasses(Trials.Completed("learning_rate=0.1"), Trials.Completed("learning_rate=1"))));
    }
}
