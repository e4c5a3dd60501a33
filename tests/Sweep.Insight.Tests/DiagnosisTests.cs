using Sweep.Domain;

namespace Sweep.Insight.Tests;

public class DiagnosisTests
{
    [Fact]
    public void Problems_come_before_what_trained_healthily()
    {
        var trials = new[]
        {
            Trials.Completed("initializer=zeros") with { SymmetricUnits = true, GradientFlow = "no_gradient", GradientNormRatio = double.NaN, TestAccuracy = 0.5, TrainAccuracy = 0.5 },
            Trials.Completed("initializer=random:10") with { CostCurve = [new CostPoint(0, 1773.6), new CostPoint(14999, 0.381)], TestAccuracy = 0.86, TrainAccuracy = 0.83 },
            Trials.Completed("initializer=he") with { TestAccuracy = 0.96, TrainAccuracy = 0.97 },
        };

        var findings = Diagnosis.Of(trials, classCount: 2);

        Assert.Equal(
            [FindingKinds.SymmetricUnits, FindingKinds.NoGradient, FindingKinds.SaturatedStart, FindingKinds.HealthyTraining, FindingKinds.InitializerForActivation],
            findings.Select(f => f.Kind));
    }

    [Fact]
    public void A_sigmoid_output_has_two_classes_and_softmax_leaves_the_count_to_a_model()
    {
        var sigmoid = Trials.Completed("initializer=he") with { Settings = new Dictionary<string, string> { ["output"] = "sigmoid" } };
        var softmax = Trials.Completed("initializer=he") with { Settings = new Dictionary<string, string> { ["output"] = "softmax" } };

        Assert.Equal(2, Diagnosis.ClassCountFromSettings([sigmoid]));
        Assert.Null(Diagnosis.ClassCountFromSettings([softmax]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SweepTrials([sigmoid], 1));
    }
}
