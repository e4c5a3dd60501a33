using Sweep.Domain;
using Sweep.Insight.Rules;

namespace Sweep.Insight.Tests.Rules;

public class SaturatedStartTests
{
    [Fact]
    public void Says_how_many_times_ln_2_the_first_cost_was()
    {
        var sweep = Trials.TwoClasses(
            Trials.Completed("initializer=random:10") with { CostCurve = [new CostPoint(0, 1773.5859549373833), new CostPoint(14999, 0.381)], TestAccuracy = 0.86 },
            Trials.Completed("initializer=he") with { CostCurve = [new CostPoint(0, 0.883), new CostPoint(14999, 0.0648)] });

        Finding finding = Assert.Single(new SaturatedStart().Find(sweep));

        Assert.Equal("random:10", finding.Settings["initializer"]);
        Assert.Equal(1773.5859549373833 / Math.Log(2), finding.Numbers["times_constant_prediction_cost"], 9);
        Assert.Equal("initializer random:10: 1 of 1 trials started with a saturated output: a large initial cost of 1774, 2559 times the 0.6931 (ln 2) " +
            "of a constant prediction; training brought it to 0.381, test accuracy 0.86.", finding.Sentence);
    }

    [Fact]
    public void A_first_cost_below_ten_times_ln_K_is_not_saturated()
    {
        var sweep = new SweepTrials([Trials.Completed("initializer=lecun") with { CostCurve = [new CostPoint(0, 10.9)] }, Trials.Completed("initializer=he")], 3);

        Assert.Empty(new SaturatedStart().Find(sweep));
        Assert.True(SaturatedStart.IsSaturated(sweep.All[0], Math.Log(2)));
    }

    [Fact]
    public void Says_nothing_when_the_classes_are_unknown()
    {
        var sweep = new SweepTrials([Trials.Completed("initializer=random:10") with { CostCurve = [new CostPoint(0, 1000)] }], null);

        Assert.Empty(new SaturatedStart().Find(sweep));
    }
}
