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
/// <see cref="ParametersAcrossKinks"/>.
/// </summary>
public sealed record GradientCheckResult(
    double Difference,
    double Threshold,
    IReadOnlyList<ParameterDiscrepancy> Worst,
    int ExamplesUsed,
    int ParametersChecked,
    int ParametersAcrossKinks = 0)
{
    public bool Passed => Difference <= Threshold;
}
