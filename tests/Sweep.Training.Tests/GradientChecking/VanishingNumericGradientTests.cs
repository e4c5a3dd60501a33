using Sweep.Training.Activations;
using Sweep.Training.GradientChecking;
using Sweep.Training.Initializers;
using Sweep.Training.Losses;
using Sweep.Training.Networks;
using Sweep.Training.Random;
using Sweep.Training.Tests.Course;
using Sweep.Training.Tests.Reference;
using Sweep.Training.Training;

namespace Sweep.Training.Tests.GradientChecking;

// An epsilon below the cost's rounding makes every centered difference exactly 0; the check then saw nothing and
// must say so rather than call 0 and 0.1 "no difference".
public sealed class VanishingNumericGradientTests
{
    private static readonly NetworkArchitecture Network = new([3, 5, 1], ActivationRegistry.Create("tanh"), OutputLayerRegistry.Create("sigmoid"));

    [Theory]
    [InlineData(1e-300)]
    [InlineData(1e-20)]
    public void A_numeric_gradient_lost_in_rounding_beside_a_real_backprop_gradient_fails(double epsilon)
    {
        double[] parameters = ParameterInitialization.Create(Network, InitializerRegistry.Create("he"), RandomSources.Create(RandomKind.Numpy, 2));
        var (features, labels) = ReferenceData.Random(3, 20, 2, seed: 4);

        GradientCheckResult result = GradientChecker.Check(
            Network, parameters, features, ReferenceData.Y(labels), 0.0, 1.0, RandomSources.Create(RandomKind.Numpy, 3), new GradientCheckOptions { Epsilon = epsilon });

        Assert.True(result.NumericGradientVanished, $"numeric norm {result.NumericNorm:R}, backprop norm {result.AnalyticNorm:R}");
        Assert.False(result.Passed);
        Assert.True(result.AnalyticNorm > 1e-3, $"backprop norm {result.AnalyticNorm:R}");
    }

    [Fact]
    public void A_real_gradient_at_the_default_epsilon_has_not_vanished()
    {
        double[] parameters = ParameterInitialization.Create(Network, InitializerRegistry.Create("he"), RandomSources.Create(RandomKind.Numpy, 2));
        var (features, labels) = ReferenceData.Random(3, 20, 2, seed: 4);

        GradientCheckResult result = GradientChecker.Check(Network, parameters, features, ReferenceData.Y(labels), 0.0, 1.0, RandomSources.Create(RandomKind.Numpy, 3));

        Assert.False(result.NumericGradientVanished);
        Assert.True(result.Passed, $"difference {result.Difference:R}");
        Assert.Equal(result.AnalyticNorm, result.NumericNorm, 1e-6);
    }

    [Fact]
    public void A_trial_whose_numeric_gradient_vanishes_fails_its_check_and_says_why()
    {
        var definition = new TrialDefinition
        {
            Hidden = [10, 5],
            Normalize = false,
            Training = new TrainingOptions { Iterations = 1, Seed = 3 },
            GradientCheck = new GradientCheckOptions { Epsilon = 1e-300 },
        };

        TrialReport report = TrialRunner.Run(definition, CourseData.Circles());

        Assert.Equal(TrialStatus.GradientCheckFailed, report.Status);
        Assert.StartsWith("gradient check failed: the numeric gradient vanishes (norm 0) while backprop's does not (norm ", report.Message, StringComparison.Ordinal);
        Assert.Contains("epsilon 1E-300 is too small for the cost's rounding", report.Message, StringComparison.Ordinal);
    }
}
