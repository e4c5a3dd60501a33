namespace Sweep.Training.GradientChecking;

/// <summary>
/// Settings of the gradient check. The defaults come from the course reference's measurements: at epsilon 1e-7 a
/// correct backprop already shows 1e-7..5e-7 of pure rounding noise (it grows like 1/epsilon), at 1e-6 it shows
/// about 6e-8; a threshold of 1e-5 leaves that more than a hundredfold margin while a wrong term still gives
/// differences of 1e-3 and more (the course's broken case: 0.285).
/// </summary>
public sealed record GradientCheckOptions
{
    public double Epsilon { get; init; } = 1e-6;

    public double Threshold { get; init; } = 1e-5;

    /// <summary>The check runs on at most this many examples (a seeded subset) so that it stays cheap.</summary>
    public int MaxExamples { get; init; } = 32;

    /// <summary>How many of the worst parameters the result lists.</summary>
    public int WorstCount { get; init; } = 5;
}
