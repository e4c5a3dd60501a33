namespace Sweep.Training.Training;

/// <summary>How a trial ended, as the engine sees it.</summary>
public enum TrialStatus
{
    Completed,

    /// <summary>The gradient check failed, so the trial was not trained.</summary>
    GradientCheckFailed,

    Diverged,

    Cancelled,
}
