using Sweep.Domain;

namespace Sweep.Insight.Tests;

// A regression's trials have RMSE and R^2 where a classifier's have accuracies, and no classes: the diagnosis still
// names divergence, gradient flow and healthy training, and never speaks of accuracy or chance.
public class RegressionDiagnosisTests
{
    private static TrialResult Regression(params string[] parameters) => Trials.Completed(["output=linear", .. parameters]) with
    {
        TrainAccuracy = null,
        TestAccuracy = null,
        TrainRmse = 40.0,
        TestRmse = 55.0,
        TestR2 = 0.45,
        CostCurve = [new CostPoint(0, 0.9), new CostPoint(999, 0.2)],
    };

    [Fact]
    public void A_regression_sweep_is_diagnosed_without_classes_and_without_accuracies()
    {
        TrialResult[] trials =
        [
            Regression("l2_lambda=0"),
            Regression("l2_lambda=1") with { GradientFlow = "vanishing", GradientNormRatio = 1e-5 },
            Trials.Diverged("the cost became NaN at iteration 8", "output=linear", "l2_lambda=10"),
        ];

        int? classes = Diagnosis.ClassCountFromSettings(trials);
        IReadOnlyList<Finding> findings = Diagnosis.Of(trials, classes);

        Assert.Null(classes);
        Assert.Contains(findings, f => f.Kind == "divergence");
        Assert.Contains(findings, f => f.Kind == "vanishing_gradient");
        Assert.Contains(findings, f => f.Kind == "healthy_training");
        Assert.All(findings, f => Assert.DoesNotContain("accuracy", f.Sentence, StringComparison.Ordinal));
        Assert.All(findings, f => Assert.DoesNotContain("chance", f.Sentence, StringComparison.Ordinal));
    }
}
