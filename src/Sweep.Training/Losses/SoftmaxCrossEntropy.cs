namespace Sweep.Training.Losses;

/// <summary>
/// Softmax over K units with categorical cross-entropy <c>-log a_y</c>, evaluated as <c>logsumexp(z) - z_y</c>
/// (shifted by the largest logit) so that it stays finite. Prediction is the arg max.
/// </summary>
public sealed class SoftmaxCrossEntropy : IOutputLayer
{
    public string Name => "softmax";

    public bool PredictsValues => false;

    public int UnitsFor(int classCount) => classCount >= 2
        ? classCount
        : throw new ArgumentException(classCount == 0
            ? "a softmax output predicts classes, but the data's target is a value: use linear"
            : $"softmax needs at least 2 classes, the data has {classCount}");

    public void Activate(ReadOnlySpan<double> z, Span<double> a, int units, int examples)
    {
        for (int j = 0; j < examples; j++)
        {
            double max = ColumnMax(z, units, examples, j);
            double sum = 0.0;
            for (int u = 0; u < units; u++)
            {
                double e = Math.Exp(z[u * examples + j] - max);
                a[u * examples + j] = e;
                sum += e;
            }

            double inverse = 1.0 / sum;
            for (int u = 0; u < units; u++)
            {
                a[u * examples + j] *= inverse;
            }
        }
    }

    public double SummedLoss(ReadOnlySpan<double> z, ReadOnlySpan<double> y, int units, int examples)
    {
        double total = 0.0;
        for (int j = 0; j < examples; j++)
        {
            double max = ColumnMax(z, units, examples, j);
            double sum = 0.0;
            for (int u = 0; u < units; u++)
            {
                sum += Math.Exp(z[u * examples + j] - max);
            }

            total += max + Math.Log(sum) - z[(int)y[j] * examples + j];
        }

        return total;
    }

    public void OutputGradient(ReadOnlySpan<double> a, ReadOnlySpan<double> y, Span<double> dz, int units, int examples)
    {
        a[..(units * examples)].CopyTo(dz);
        for (int j = 0; j < examples; j++)
        {
            dz[(int)y[j] * examples + j] -= 1.0;
        }
    }

    public int Predict(ReadOnlySpan<double> a, int units, int examples, int j)
    {
        int best = 0;
        for (int u = 1; u < units; u++)
        {
            if (a[u * examples + j] > a[best * examples + j])
            {
                best = u;
            }
        }

        return best;
    }

    /// <summary>The largest logit of example j: subtracting it keeps every exponential at most 1.</summary>
    private static double ColumnMax(ReadOnlySpan<double> z, int units, int examples, int j)
    {
        double max = double.NegativeInfinity;
        for (int u = 0; u < units; u++)
        {
            max = Math.Max(max, z[u * examples + j]);
        }

        return max;
    }
}
