namespace Sweep.Training.Optimizers;

/// <summary>
/// Adam (Kingma and Ba, 2015) with bias correction: <c>v = b1 v + (1-b1) g</c>, <c>s = b2 s + (1-b2) g^2</c>,
/// <c>theta -= alpha * (v / (1-b1^t)) / (sqrt(s / (1-b2^t)) + eps)</c>.
/// </summary>
public sealed class Adam(double learningRate, double beta1, double beta2, double epsilon, int parameterCount) : IOptimizer
{
    private readonly double[] _firstMoment = new double[parameterCount];
    private readonly double[] _secondMoment = new double[parameterCount];

    public string Name => "adam";

    public void Update(Span<double> parameters, ReadOnlySpan<double> gradient, int updateCount)
    {
        double firstCorrection = 1.0 - Math.Pow(beta1, updateCount);
        double secondCorrection = 1.0 - Math.Pow(beta2, updateCount);
        for (int i = 0; i < parameters.Length; i++)
        {
            double g = gradient[i];
            _firstMoment[i] = beta1 * _firstMoment[i] + (1.0 - beta1) * g;
            _secondMoment[i] = beta2 * _secondMoment[i] + (1.0 - beta2) * g * g;
            parameters[i] -= learningRate * (_firstMoment[i] / firstCorrection) / (Math.Sqrt(_secondMoment[i] / secondCorrection) + epsilon);
        }
    }
}
