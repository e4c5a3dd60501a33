using System.Numerics.Tensors;

namespace Sweep.Training.Optimizers;

/// <summary>Plain gradient descent, the course's update: <c>theta = theta - alpha * d_theta</c>.</summary>
public sealed class GradientDescent(double learningRate) : IOptimizer
{
    public string Name => "gd";

    public void Update(Span<double> parameters, ReadOnlySpan<double> gradient, int updateCount) =>
        TensorPrimitives.MultiplyAdd(gradient, -learningRate, parameters, parameters);
}
