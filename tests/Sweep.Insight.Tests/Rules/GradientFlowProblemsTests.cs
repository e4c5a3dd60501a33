using Sweep.Insight.Rules;

namespace Sweep.Insight.Tests.Rules;

public class GradientFlowProblemsTests
{
    [Fact]
    public void Says_which_settings_ended_vanishing_exploding_or_without_gradient_with_their_ratios()
    {
        var sweep = Trials.TwoClasses(
            Trials.Completed("activation=sigmoid") with { GradientFlow = "vanishing", GradientNormRatio = 2e-5 },
            Trials.Completed("activation=selu") with { GradientFlow = "exploding", GradientNormRatio = 4000 },
            Trials.Completed("activation=elu") with { GradientFlow = "no_gradient", GradientNormRatio = double.NaN },
            Trials.Completed("activation=relu"));

        var findings = new GradientFlowProblems().Find(sweep).ToList();

        Assert.Equal([FindingKinds.VanishingGradient, FindingKinds.ExplodingGradient, FindingKinds.NoGradient], findings.Select(f => f.Kind));
        Assert.Equal("activation sigmoid: 1 of 1 trials ended with vanishing gradient flow: the first layer got less than 0.001 of the last layer's gradient (||dW1||/||dWL|| 2E-05).", findings[0].Sentence);
        Assert.Equal(2e-5, findings[0].Numbers["gradient_norm_ratio"]);
        Assert.Equal("selu", findings[1].Settings["activation"]);
        Assert.Contains("exploding gradient flow", findings[1].Sentence, StringComparison.Ordinal);
        Assert.Equal("activation elu: 1 of 1 trials ended with no gradient at all: every layer's gradient norm was 0.", findings[2].Sentence);
    }

    [Fact]
    public void Says_nothing_about_healthy_flow()
    {
        Assert.Empty(new GradientFlowProblems().Find(Trials.TwoClasses(Trials.Completed("activation=relu"), Trials.Completed("activation=tanh"))));
    }
}
