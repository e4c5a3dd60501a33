using Sweep.Training.Networks;

namespace Sweep.Training.GradientChecking;

/// <summary>One parameter's analytic and numeric derivative.</summary>
public sealed record ParameterDiscrepancy(ParameterPosition Position, double Analytic, double Numeric)
{
    public double AbsoluteError => Math.Abs(Analytic - Numeric);
}

/// <summary>
/// <c>difference = ||g - g_approx||_2 / (||g||_2 + ||g_approx||_2)</c>, whether it is within the threshold, and
/// the parameters with the largest absolute disagreement, worst first.
/// </summary>
public sealed record GradientCheckResult(
    double Difference,
    double Threshold,
    IReadOnlyList<ParameterDiscrepancy> Worst,
    int ExamplesUsed,
    int ParametersChecked)
{
    public bool Passed => Difference <= Threshold;
}
