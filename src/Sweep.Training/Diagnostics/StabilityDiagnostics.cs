using System.Numerics.Tensors;
using Sweep.Training.Networks;

namespace Sweep.Training.Diagnostics;

public static class StabilityDiagnostics
{
    /// <summary>Below this first-to-last gradient norm ratio the gradient is called vanishing; above its inverse, exploding.</summary>
    public const double VanishingRatio = 1e-3;

    public static TrainingRecord Measure(NetworkArchitecture architecture, double[] parameters, double[] gradient, int iteration, double cost)
    {
        int layers = architecture.LayerCount;
        var weightNorms = new double[layers];
        var gradientNorms = new double[layers];
        for (int l = 1; l <= layers; l++)
        {
            weightNorms[l - 1] = TensorPrimitives.Norm<double>(architecture.Weights(parameters, l));
            gradientNorms[l - 1] = TensorPrimitives.Norm<double>(architecture.Weights(gradient, l));
        }

        double first = gradientNorms[0];
        double last = gradientNorms[^1];
        double ratio = first / last;
        // Every comparison with NaN is false, so a non-finite ratio would fall through to healthy: it is tested first.
        GradientFlow flow = (first, last) switch
        {
            _ when !double.IsFinite(first) || !double.IsFinite(last) => GradientFlow.Diverged,
            (0, 0) => GradientFlow.NoGradient,
            _ when ratio < VanishingRatio => GradientFlow.Vanishing,
            _ when ratio > 1.0 / VanishingRatio => GradientFlow.Exploding,
            _ => GradientFlow.Healthy,
        };

        return new TrainingRecord(iteration, cost, weightNorms, gradientNorms, HasSymmetricUnits(architecture, parameters), ratio, flow);
    }

    /// <summary>
    /// True when some hidden layer with two or more units has every unit identical (same weights and bias): gradient
    /// descent keeps such units identical forever, so the layer acts as one unit.
    /// </summary>
    public static bool HasSymmetricUnits(NetworkArchitecture architecture, double[] parameters)
    {
        for (int l = 1; l < architecture.LayerCount; l++)
        {
            int units = architecture.Units(l);
            int fanIn = architecture.Units(l - 1);
            if (units < 2)
            {
                continue;
            }

            ReadOnlySpan<double> weights = architecture.Weights(parameters, l);
            ReadOnlySpan<double> biases = architecture.Biases(parameters, l);
            ReadOnlySpan<double> firstRow = weights[..fanIn];
            bool allSame = true;
            for (int u = 1; u < units && allSame; u++)
            {
                allSame = biases[u] == biases[0] && weights.Slice(u * fanIn, fanIn).SequenceEqual(firstRow);
            }

            if (allSame)
            {
                return true;
            }
        }

        return false;
    }
}
