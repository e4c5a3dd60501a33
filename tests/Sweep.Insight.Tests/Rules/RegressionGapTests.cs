using Sweep.Insight.Rules;

namespace Sweep.Insight.Tests.Rules;

public class RegressionGapTests
{
    private static Sweep.Domain.TrialResult Regression(double train, double test, params string[] parameters) => Trials.Completed(parameters) with
    {
        TrainAccuracy = null,
        TestAccuracy = null,
        TrainRmse = train,
        TestRmse = test,
    };

    [Fact]
    public void Names_the_unregularized_setting_whose_test_error_is_far_above_its_training_error()
    {
        var sweep = Trials.TwoClasses(
            Regression(26.64, 96.41, "l2_lambda=0"),
            Regression(50.1, 54.0, "l2_lambda=10"));

        Finding finding = Assert.Single(new RegressionGap().Find(sweep));

        Assert.Equal(FindingKinds.GeneralizationGap, finding.Kind);
        Assert.Equal("l2_lambda 0: 1 of 1 trials fit the training set better than the test set: a test RMSE of 96.41 against a training RMSE of 26.64, 3.619 times, above 1.2 times; the other completed trial's is 1.1 times.", finding.Sentence);
        Assert.Equal(96.41 / 26.64, finding.Numbers["rmse_ratio"], 12);
    }

    [Fact]
    public void Says_nothing_for_classifiers_or_errors_within_the_noise()
    {
        Assert.Empty(new RegressionGap().Find(Trials.TwoClasses(Trials.Completed("l2_lambda=0"), Regression(50, 59, "l2_lambda=1"))));
    }
}
