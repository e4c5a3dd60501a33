namespace Sweep.Training.Diagnostics;

/// <summary>How the gradient reaches the first layer, judged from <c>||dW_1|| / ||dW_L||</c>.</summary>
public enum GradientFlow
{
    /// <summary>The ratio lies within [1e-3, 1e3].</summary>
    Healthy,

    /// <summary>The first layer gets less than a thousandth of the last layer's gradient.</summary>
    Vanishing,

    /// <summary>The first layer gets more than a thousand times the last layer's gradient.</summary>
    Exploding,

    /// <summary>Both norms are 0: nothing flows at all (what zeros initialization leads to).</summary>
    NoGradient,

    /// <summary>A norm (and so the ratio) is NaN or infinite: training has diverged, and no flow can be judged.</summary>
    Diverged,
}
