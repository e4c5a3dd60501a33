using Sweep.Insight.Rules;

namespace Sweep.Insight.Tests.Rules;

public class SymmetricUnitsTests
{
    [Fact]
    public void Says_zeros_left_the_units_symmetric_and_the_accuracy_at_chance()
    {
        var sweep = Trials.TwoClasses(
            Trials.Completed("initializer=zeros") with { SymmetricUnits = true, TestAccuracy = 0.5 },
            Trials.Completed("initializer=he"));

        Finding finding = Assert.Single(new SymmetricUnits().Find(sweep));

        Assert.Equal("zeros", finding.Settings["initializer"]);
        Assert.Equal(0.5, finding.Numbers["test_accuracy"]);
        Assert.StartsWith("initializer zeros: 1 of 1 trials ended with symmetric hidden units", finding.Sentence, StringComparison.Ordinal);
        Assert.EndsWith("and test accuracy 0.50, at chance for 2 classes (0.50).", finding.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void Does_not_call_an_accuracy_well_above_chance_chance()
    {
        var sweep = new SweepTrials([Trials.Completed("initializer=zeros") with { SymmetricUnits = true, TestAccuracy = 0.8 }, Trials.Completed("initializer=he")], 3);

        Finding finding = Assert.Single(new SymmetricUnits().Find(sweep));

        Assert.EndsWith("and test accuracy 0.80 (chance for 3 classes: 0.333).", finding.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void Says_nothing_when_no_units_are_symmetric()
    {
        Assert.Empty(new SymmetricUnits().Find(Trials.TwoClasses(Trials.Completed("initializer=he"), Trials.Completed("initializer=xavier"))));
    }
}
