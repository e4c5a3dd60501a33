using Sweep.Training.Networks;

namespace Sweep.Training.GradientChecking;

/// <summary>One parameter's analytic and numeric derivative.</summary>
public sealed record ParameterDiscrepancy(ParameterPosition Position, double Analytic, double Numeric)
{
    public double AbsoluteError => Math.Abs(Analytic - Numeric);
}

/// <summary>
/// <c>difference = ||g - g_approx||_2 / (||g||_2 + ||g_approx||_2)</c>, whether it is within the threshold, and
/// the parameters with the largest absolute disagreement, worst first. Parameters whose centered difference moved
/// some hidden pre-activation across a kink of the activation (ReLU at 0) are left out of the difference, because
/// there the difference measures a mix of two one-sided slopes rather than the derivative; they are counted in
/// <see cref="ParametersAcrossKinks"/>. A numeric gradient that vanishes into rounding noise while backprop's does
/// not fails whatever the difference (<see cref="NumericGradientVanished"/>): the check then saw nothing.
/// </summary>
public sealed record GradientCheckResult(
    double Difference,
    double Threshold,
    IReadOnlyList<ParameterDiscrepancy> Worst,
    int ExamplesUsed,
    int ParametersChecked,
    int ParametersAcrossKinks = 0)
{
    /// <summary>The L2 norm of backprop's gradient over the parameters compared.</summary>
    public double AnalyticNorm { get; init; }

    /// <summary>The L2 norm of the centered differences over the parameters compared.</summary>
    public double NumericNorm { get; init; }

    /// <summary>
    /// The centered differences are zero up to rounding while backprop's gradient is not: epsilon is too small for
    /// the cost's rounding (J(theta + eps) == J(theta - eps)), or backprop is wrong where the true gradient is 0.
    /// </summary>
    public bool NumericGradientVanished { get; init; }

    public bool Passed => Difference <= Threshold && !NumericGradientVanished;
}
