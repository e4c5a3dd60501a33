namespace Sweep.Training.Training;

public enum TrainingOutcome
{
    /// <summary>Every iteration ran.</summary>
    Completed,

    /// <summary>The cost or the gradient became NaN or infinite; training stopped there.</summary>
    Diverged,

    /// <summary>The cancellation token stopped training between iterations.</summary>
    Cancelled,
}
