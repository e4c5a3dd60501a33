using Sweep.Training.Diagnostics;
using Sweep.Training.GradientChecking;
using Sweep.Training.Models;
using Sweep.Training.Networks;

namespace Sweep.Training.Training;

/// <summary>
/// The outcome of one trial. Final costs are mean cross-entropy without the L2 term and without dropout, so trials
/// with different lambdas and keep_probs compare on the same footing; the recorded curve is the training objective.
/// Metrics are null when the trial did not train to the end.
/// </summary>
/// <param name="Train">On the rows the trial trained on (without the validation rows).</param>
public sealed record TrialReport(
    TrialStatus Status,
    GradientCheckResult? GradientCheck,
    Evaluation? Train,
    Evaluation? Test,
    IReadOnlyList<TrainingRecord> Records,
    int IterationsRun,
    TrainedModel? Model,
    string? Message,
    TimeSpan Duration)
{
    /// <summary>On the validation rows held out of the training data; null when the sweep holds none out or the trial did not complete.</summary>
    public Evaluation? Validation { get; init; }

    /// <summary>What the data says about every trial on it (categories unseen in training); null when nothing.</summary>
    public string? Notes { get; init; }
}
