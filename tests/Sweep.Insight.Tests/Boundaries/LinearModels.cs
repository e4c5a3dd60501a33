using Sweep.Training.Activations;
using Sweep.Training.Data;
using Sweep.Training.Losses;
using Sweep.Training.Models;
using Sweep.Training.Networks;

namespace Sweep.Insight.Tests.Boundaries;

/// <summary>Models and data whose decision boundary is known: class "above" exactly where w1 x1 + w2 x2 + b > 0.</summary>
internal static class LinearModels
{
    public static TrainedModel Logistic(double w1, double w2, double b)
    {
        var architecture = new NetworkArchitecture([2, 1], ActivationRegistry.Create("relu"), OutputLayerRegistry.Create("sigmoid"));
        var parameters = new double[architecture.ParameterCount];
        architecture.Weights(parameters, 1)[0] = w1;
        architecture.Weights(parameters, 1)[1] = w2;
        architecture.Biases(parameters, 1)[0] = b;
        return new TrainedModel(architecture, parameters, normalization: null, ["below", "above"]);
    }

    /// <summary>Points on a 9 x 9 grid over [-1, 1]^2 (with the given number of features, the extra ones 0), labelled by x1 > x2.</summary>
    public static Dataset Points(int features = 2)
    {
        double[] coordinates = [.. Enumerable.Range(0, 9).Select(i => -1 + i / 4.0)];
        var pairs = coordinates.SelectMany(x => coordinates.Select(y => (x, y))).ToArray();
        var values = new double[features * pairs.Length];
        for (int j = 0; j < pairs.Length; j++)
        {
            values[j] = pairs[j].x;
            values[pairs.Length + j] = pairs[j].y;
        }

        return new Dataset(values, features, [.. pairs.Select(p => p.x > p.y ? 1 : 0)], ["below", "above"],
            [.. Enumerable.Range(1, features).Select(f => $"x{f}")]);
    }
}
