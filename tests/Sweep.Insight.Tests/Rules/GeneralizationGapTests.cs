using Sweep.Insight.Rules;

namespace Sweep.Insight.Tests.Rules;

public class GeneralizationGapTests
{
    [Fact]
    public void Names_the_unregularized_configuration_and_the_gaps_of_the_others()
    {
        var sweep = Trials.TwoClasses(
            Trials.Completed("l2_lambda=0", "keep_prob=1") with { TrainAccuracy = 0.9478672985781991, TestAccuracy = 0.915 },
            Trials.Completed("l2_lambda=0.7", "keep_prob=1") with { TrainAccuracy = 0.9383886255924171, TestAccuracy = 0.93 },
            Trials.Completed("l2_lambda=0", "keep_prob=0.86") with { TrainAccuracy = 0.9289099526066351, TestAccuracy = 0.95 });

        Finding finding = Assert.Single(new GeneralizationGap().Find(sweep));

        Assert.Equal(new Dictionary<string, string> { ["l2_lambda"] = "0", ["keep_prob"] = "1" }, finding.Settings);
        Assert.Equal(0.9478672985781991 - 0.915, finding.Numbers["gap"], 12);
        Assert.Equal("l2_lambda 0, keep_prob 1: 1 of 1 trials scored higher on the training set than on the test set: a train-test gap of 0.033 " +
            "(train accuracy 0.948, test 0.915), above 0.02; the other 2 completed trials' gaps are -0.021 to 0.008.", finding.Sentence);
    }

    [Fact]
    public void Uses_the_validation_set_when_there_is_one()
    {
        var sweep = Trials.TwoClasses(
            Trials.Completed("keep_prob=1") with { TrainAccuracy = 0.99, ValidationAccuracy = 0.90, TestAccuracy = 0.99 },
            Trials.Completed("keep_prob=0.8") with { TrainAccuracy = 0.95, ValidationAccuracy = 0.94, TestAccuracy = 0.80 });

        Finding finding = Assert.Single(new GeneralizationGap().Find(sweep));

        Assert.Equal("1", finding.Settings["keep_prob"]);
        Assert.Equal(0.90, finding.Numbers["validation_accuracy"]);
        Assert.Contains("a train-validation gap of 0.090", finding.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void Leaves_out_trials_that_learned_nothing()
    {
        var sweep = Trials.TwoClasses(
            Trials.Completed("initializer=zeros") with { TrainAccuracy = 0.502, TestAccuracy = 0.435 },
            Trials.Completed("initializer=he") with { TrainAccuracy = 0.95, TestAccuracy = 0.94 });

        Assert.Empty(new GeneralizationGap().Find(sweep));
    }
}
