using Sweep.Training.Activations;
using Sweep.Training.Diagnostics;
using Sweep.Training.Losses;
using Sweep.Training.Networks;

namespace Sweep.Training.Tests.Diagnostics;

public sealed class StabilityDiagnosticsTests
{
    // [2, 3, 1]: W1 is 3x2 at 0..5, b1 at 6..8, W2 is 1x3 at 9..11, b2 at 12.
    private static readonly NetworkArchitecture Network = new([2, 3, 1], ActivationRegistry.Create("relu"), OutputLayerRegistry.Create("sigmoid"));

    [Theory]
    [InlineData(double.NaN, 1.0)]
    [InlineData(1.0, double.NaN)]
    [InlineData(double.PositiveInfinity, 1.0)]
    [InlineData(1.0, double.PositiveInfinity)]
    [InlineData(double.NaN, double.NaN)]
    public void A_non_finite_gradient_norm_is_diverged_not_healthy(double firstLayerEntry, double lastLayerEntry)
    {
        double[] gradient = Gradient(firstLayerEntry, lastLayerEntry);

        TrainingRecord record = StabilityDiagnostics.Measure(Network, new double[Network.ParameterCount], gradient, iteration: 7, cost: double.NaN);

        Assert.Equal(GradientFlow.Diverged, record.GradientFlow);
    }

    [Fact]
    public void Finite_norms_of_the_same_size_are_healthy()
    {
        TrainingRecord record = StabilityDiagnostics.Measure(Network, new double[Network.ParameterCount], Gradient(1.0, 2.0), iteration: 0, cost: 0.7);

        Assert.Equal(GradientFlow.Healthy, record.GradientFlow);
        Assert.Equal(0.5, record.GradientNormRatio, 12);
    }

    private static double[] Gradient(double firstLayerEntry, double lastLayerEntry)
    {
        var gradient = new double[Network.ParameterCount];
        Network.Weights(gradient, 1)[0] = firstLayerEntry;
        Network.Weights(gradient, 2)[0] = lastLayerEntry;
        return gradient;
    }
}
