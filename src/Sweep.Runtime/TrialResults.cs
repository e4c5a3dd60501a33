using Sweep.Config;
using Sweep.Protocol.Messages.Commands;
using Sweep.Storage;
using Sweep.Training.Training;

namespace Sweep.Runtime;

/// <summary>Builds the stored results of the runtime's three endings: a report, an exception, and lost workers.</summary>
internal static class TrialResults
{
    /// <summary>The stored result of a finished run, or null for a cancelled one, which stays unstored and runs again.</summary>
    public static TrialResult? FromReport(AssignTrial assignment, TrialReport report, string node, DateTimeOffset startedAt, DateTimeOffset finishedAt) =>
        report.Status == TrialStatus.Cancelled
            ? null
            : TrialResult.FromReport(report, assignment.Definition, assignment.TrialId, assignment.Sweep, assignment.SweepFileHash,
                assignment.Parameters, node, assignment.Attempt, startedAt, finishedAt);

    /// <summary>
    /// A trial whose code threw. A bad setting (one the sweep file's validation cannot see, such as a sigmoid output on
    /// data with three classes) would throw on every attempt, so it is stored as failed at once, with the message.
    /// </summary>
    public static TrialResult Threw(AssignTrial assignment, Exception exception, string node, DateTimeOffset startedAt, DateTimeOffset finishedAt) =>
        TrialResult.Failed(assignment.Definition, assignment.TrialId, assignment.Sweep, assignment.SweepFileHash, assignment.Parameters,
            $"the trial threw {exception.GetType().Name}: {exception.Message}", node, assignment.Attempt, startedAt, finishedAt);

    public static TrialResult Failed(SweepPlan plan, TrialPlan trial, int attempts, string node, string message)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        return TrialResult.Failed(trial.Definition, trial.TrialId, plan.Name, plan.FileHash, trial.Parameters, message, node, attempts, now, now);
    }
}
