namespace Sweep.Training.Optimizers;

/// <summary>
/// Gradient descent with momentum, as the course writes it: <c>v = beta v + (1 - beta) d_theta</c>,
/// <c>theta = theta - alpha v</c>.
/// </summary>
public sealed class Momentum(double learningRate, double beta, int parameterCount) : IOptimizer
{
    private readonly double[] _velocity = new double[parameterCount];

    public string Name => "momentum";

    public void Update(Span<double> parameters, ReadOnlySpan<double> gradient, int updateCount)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            _velocity[i] = beta * _velocity[i] + (1.0 - beta) * gradient[i];
            parameters[i] -= learningRate * _velocity[i];
        }
    }
}
