using Sweep.Training.Data;
using Sweep.Training.Models;

namespace Sweep.Insight.Boundaries;

/// <summary>
/// A trained model's predicted class over a grid of its two input features (the course's
/// <c>plot_decision_boundary</c>): <c>Predicted[row][column]</c> is the index in <see cref="Classes"/> of the class the
/// model predicts at <c>(X[column], Y[row])</c>. The grid spans the data's range padded by a tenth on each side, in raw
/// units, so the model's own normalization applies as it would to a new example.
/// </summary>
public sealed record DecisionSurface(string TrialId, double[] X, double[] Y, int[][] Predicted, IReadOnlyList<string> Classes)
{
    /// <summary>Grid points per axis.</summary>
    public const int Resolution = 100;

    public static DecisionSurface Of(string trialId, TrainedModel model, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount != 2 || model.Architecture.InputSize != 2)
        {
            throw new ArgumentException($"a decision surface needs two features; the data has {data.FeatureCount}, the model takes {model.Architecture.InputSize}");
        }

        double[] x = Axis(data, 0);
        double[] y = Axis(data, 1);
        int examples = Resolution * Resolution;
        // Features x examples, row-major, as the engine takes them: the grid point (x[c], y[r]) is example r * Resolution + c.
        var features = new double[2 * examples];
        for (int r = 0; r < Resolution; r++)
        {
            for (int c = 0; c < Resolution; c++)
            {
                features[r * Resolution + c] = x[c];
                features[examples + r * Resolution + c] = y[r];
            }
        }

        string[] labels = model.Predict(features, examples);
        var index = model.Classes.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i, StringComparer.Ordinal);
        int[][] predicted = [.. Enumerable.Range(0, Resolution).Select(r => labels.AsSpan(r * Resolution, Resolution).ToArray().Select(l => index[l]).ToArray())];
        return new DecisionSurface(trialId, x, y, predicted, model.Classes);
    }

    private static double[] Axis(Dataset data, int feature)
    {
        ReadOnlySpan<double> values = data.Features.AsSpan(feature * data.ExampleCount, data.ExampleCount);
        double low = double.PositiveInfinity;
        double high = double.NegativeInfinity;
        foreach (double value in values)
        {
            low = Math.Min(low, value);
            high = Math.Max(high, value);
        }

        double pad = high > low ? (high - low) / 10 : 1;
        low -= pad;
        high += pad;
        return [.. Enumerable.Range(0, Resolution).Select(i => low + (high - low) * i / (Resolution - 1))];
    }
}
