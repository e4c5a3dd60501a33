using Sweep.Insight.Rules;

namespace Sweep.Insight.Tests.Rules;

public class GradientCheckFailuresTests
{
    [Fact]
    public void Names_the_setting_of_failed_checks_with_the_largest_difference_and_its_parameter()
    {
        var sweep = Trials.TwoClasses(
            Trials.GradcheckFailed(0.02, "W2[0,3] (backprop 0.0123, numeric 0.0456)", "activation=custom"),
            Trials.GradcheckFailed(0.5, "W1[1,1] (backprop 1, numeric 2)", "activation=custom"),
            Trials.Completed("activation=relu"));

        Finding finding = Assert.Single(new GradientCheckFailures().Find(sweep));

        Assert.Equal(FindingKinds.GradientCheckFailure, finding.Kind);
        Assert.Equal("custom", finding.Settings["activation"]);
        Assert.Equal(0.5, finding.Numbers["gradcheck_difference"]);
        Assert.Equal("activation custom: 2 of 2 trials failed the gradient check, so they were never trained: relative difference up to 0.5, worst at W1[1,1] (backprop 1, numeric 2).", finding.Sentence);
    }

    [Fact]
    public void Says_nothing_when_every_check_passed()
    {
        Assert.Empty(new GradientCheckFailures().Find(Trials.TwoClasses(Trials.Completed("activation=relu"), Trials.Completed("activation=tanh"))));
    }
}
