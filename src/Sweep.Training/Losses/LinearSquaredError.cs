namespace Sweep.Training.Losses;

/// <summary>
/// One linear unit <c>a = z</c> with the squared error <c>(1/2) (a - y)^2</c> per example, so that the cost over m
/// examples is <c>J = (1/2m) sum_j (a_j - y_j)^2</c> (the mean squared error halved) and its gradient
/// <c>dJ/dz_j = (1/m) (a_j - y_j)</c>: the same <c>dZ = A - Y</c> as the cross-entropies, the 1/m applied by
/// backpropagation. Y is the target standardized with the training split's mean and standard deviation.
/// </summary>
public sealed class LinearSquaredError : IOutputLayer
{
    public string Name => "linear";

    public bool PredictsValues => true;

    public int UnitsFor(int classCount) => classCount == 0
        ? 1
        : throw new ArgumentException($"a linear output predicts a value, but the data has {classCount} classes: use sigmoid (2 classes) or softmax");

    public void Activate(ReadOnlySpan<double> z, Span<double> a, int units, int examples) => z[..examples].CopyTo(a);

    public double SummedLoss(ReadOnlySpan<double> z, ReadOnlySpan<double> y, int units, int examples)
    {
        double sum = 0.0;
        for (int j = 0; j < examples; j++)
        {
            double error = z[j] - y[j];
            sum += 0.5 * error * error;
        }

        return sum;
    }

    public void OutputGradient(ReadOnlySpan<double> a, ReadOnlySpan<double> y, Span<double> dz, int units, int examples)
    {
        for (int j = 0; j < examples; j++)
        {
            dz[j] = a[j] - y[j];
        }
    }

    public int Predict(ReadOnlySpan<double> a, int units, int examples, int j) =>
        throw new InvalidOperationException("a linear output predicts a value, not a class");
}
