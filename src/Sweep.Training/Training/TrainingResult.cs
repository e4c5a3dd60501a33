using Sweep.Training.Diagnostics;

namespace Sweep.Training.Training;

/// <summary>How training ended, how far it got, what it recorded, and the parameters it left.</summary>
public sealed record TrainingResult(
    TrainingOutcome Outcome,
    int IterationsRun,
    IReadOnlyList<TrainingRecord> Records,
    double[] Parameters,
    string? DivergenceReason);
