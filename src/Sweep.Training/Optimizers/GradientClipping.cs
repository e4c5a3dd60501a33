using System.Numerics.Tensors;

namespace Sweep.Training.Optimizers;

public static class GradientClipping
{
    /// <summary>
    /// Clipping by global L2 norm: when <c>||g||_2 &gt; maxNorm</c>, <c>g = g * maxNorm / ||g||_2</c>, so the
    /// direction is kept and only the step shrinks. Returns the norm before clipping.
    /// </summary>
    public static double ClipByGlobalNorm(Span<double> gradient, double maxNorm)
    {
        double norm = TensorPrimitives.Norm<double>(gradient);
        if (norm > maxNorm)
        {
            TensorPrimitives.Multiply(gradient, maxNorm / norm, gradient);
        }

        return norm;
    }
}
