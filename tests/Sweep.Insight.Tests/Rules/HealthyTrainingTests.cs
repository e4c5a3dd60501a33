using Sweep.Domain;
using Sweep.Insight.Rules;

namespace Sweep.Insight.Tests.Rules;

public class HealthyTrainingTests
{
    [Fact]
    public void Names_he_alone_when_zeros_is_symmetric_and_random_x10_starts_saturated()
    {
        var sweep = Trials.TwoClasses(
            Trials.Completed("initializer=zeros") with { SymmetricUnits = true, GradientFlow = "no_gradient", GradientNormRatio = double.NaN },
            Trials.Completed("initializer=random:10") with { CostCurve = [new CostPoint(0, 1773.6), new CostPoint(14999, 0.381)] },
            Trials.Completed("initializer=he") with { GradientNormRatio = 0.8592258274880556, CostCurve = [new CostPoint(0, 0.8830537463419756), new CostPoint(14999, 0.0648)], TestAccuracy = 0.96 });

        Finding finding = Assert.Single(new HealthyTraining().Find(sweep));

        Assert.Equal("he", finding.Settings["initializer"]);
        Assert.Equal("initializer he: 1 of 1 trials trained healthily: gradient flow healthy at the end (||dW1||/||dWL|| 0.8592), no symmetric units, " +
            "a first cost of 0.8831 (1.3 times ln 2), a last cost of 0.0648, test accuracy 0.96.", finding.Sentence);
    }

    [Fact]
    public void A_vanishing_flow_is_not_healthy()
    {
        var sweep = Trials.TwoClasses(Trials.Completed("activation=sigmoid") with { GradientFlow = "vanishing", GradientNormRatio = 1e-5 });

        Assert.Empty(new HealthyTraining().Find(sweep));
    }
}
