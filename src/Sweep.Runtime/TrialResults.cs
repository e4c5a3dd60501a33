using System.Globalization;
using System.Text.Json;
using Sweep.Config;
using Sweep.Domain;
using Sweep.Protocol.Messages.Commands;
using Sweep.Storage;
using Sweep.Training.Diagnostics;
using Sweep.Training.GradientChecking;
using Sweep.Training.Training;

namespace Sweep.Runtime;

/// <summary>
/// The one place where the engine's report becomes the domain's <see cref="TrialResult"/>, for the runtime's three
/// endings: a report, an exception, and lost workers.
/// </summary>
internal static class TrialResults
{
    /// <summary>The stored result of a finished run, or null for a cancelled one, which stays unstored and runs again.</summary>
    public static TrialResult? FromReport(AssignTrial assignment, TrialReport report, string node, DateTimeOffset startedAt, DateTimeOffset finishedAt) =>
        report.Status == TrialStatus.Cancelled ? null : Outcome(report, assignment, node, startedAt, finishedAt);

    /// <summary>
    /// A trial whose code threw. A bad setting (one the sweep file's validation cannot see, such as a sigmoid output on
    /// data with three classes) would throw on every attempt, so it is stored as failed at once, with the message.
    /// </summary>
    public static TrialResult Threw(AssignTrial assignment, Exception exception, string node, DateTimeOffset startedAt, DateTimeOffset finishedAt) =>
        Failed(assignment, $"the trial threw {exception.GetType().Name}: {exception.Message}", node, startedAt, finishedAt);

    /// <summary>
    /// The result of a trial the engine finished. A <see cref="TrialStatus.Cancelled"/> report is not an outcome and
    /// throws <see cref="ArgumentException"/>: the run was stopped (shutdown, a worker leaving), not judged, so the
    /// caller stores nothing and leaves the trial queued; a resumed sweep runs it again because its id is not in
    /// <see cref="TrialStore.StoredTrialIds"/>.
    /// </summary>
    public static TrialResult Outcome(TrialReport report, AssignTrial assignment, string node, DateTimeOffset startedAt, DateTimeOffset finishedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(assignment);
        string status = report.Status switch
        {
            TrialStatus.Completed => TrialResultStatus.Completed,
            TrialStatus.GradientCheckFailed => TrialResultStatus.GradcheckFailed,
            TrialStatus.Diverged => TrialResultStatus.Diverged,
            TrialStatus.Cancelled => throw new ArgumentException(
                "a cancelled trial has no outcome to store: leave it queued so that it runs again", nameof(report)),
            _ => throw new ArgumentOutOfRangeException(nameof(report), report.Status, "unknown trial status"),
        };

        TrainingRecord? last = report.Records.Count > 0 ? report.Records[^1] : null;
        return Describe(assignment, node, startedAt, finishedAt) with
        {
            Status = status,
            Message = report.Message,
            GradcheckDifference = report.GradientCheck?.Difference,
            GradcheckWorst = report.GradientCheck is { Worst.Count: > 0 } check ? FormatWorst(check.Worst[0]) : null,
            TrainAccuracy = report.Train?.Accuracy,
            TestAccuracy = report.Test?.Accuracy,
            TrainCost = report.Train?.Cost,
            TestCost = report.Test?.Cost,
            ValidationAccuracy = report.Validation?.Accuracy,
            ValidationCost = report.Validation?.Cost,
            TrainRmse = report.Train?.Rmse,
            TestRmse = report.Test?.Rmse,
            ValidationRmse = report.Validation?.Rmse,
            TrainR2 = report.Train?.R2,
            TestR2 = report.Test?.R2,
            ValidationR2 = report.Validation?.R2,
            Notes = report.Notes,
            IterationsRun = report.IterationsRun,
            CostCurve = report.Records.Select(r => new CostPoint(r.Iteration, r.Cost)).ToArray(),
            LayerNorms = report.Records.Select(r => new LayerNormsPoint(r.Iteration, r.WeightNorms.ToArray(), r.GradientNorms.ToArray())).ToArray(),
            SymmetricUnits = last?.SymmetricUnits ?? false,
            GradientFlow = last is null ? null : FormatFlow(last.GradientFlow),
            GradientNormRatio = last?.GradientNormRatio,
            ModelJson = report.Model?.ToJson(),
            DurationMs = report.Duration.TotalMilliseconds,
        };
    }

    /// <summary>
    /// A trial that failed without a report: it threw, or it kept killing its worker and ran out of attempts.
    /// <paramref name="message"/> says what happened, e.g. which workers it took down.
    /// </summary>
    public static TrialResult Failed(AssignTrial assignment, string message, string node, DateTimeOffset startedAt, DateTimeOffset finishedAt)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        return Describe(assignment, node, startedAt, finishedAt) with
        {
            Status = TrialResultStatus.Failed,
            Message = message,
            DurationMs = Math.Max(0, (finishedAt - startedAt).TotalMilliseconds),
        };
    }

    /// <summary>The name the store and the JSON output use for a gradient flow, e.g. <c>no_gradient</c>.</summary>
    public static string FormatFlow(GradientFlow flow) => JsonNamingPolicy.SnakeCaseLower.ConvertName(flow.ToString());

    private static string FormatWorst(ParameterDiscrepancy worst) =>
        string.Create(CultureInfo.InvariantCulture, $"{worst.Position} (backprop {worst.Analytic:G6}, numeric {worst.Numeric:G6})");

    private static TrialResult Describe(AssignTrial assignment, string node, DateTimeOffset startedAt, DateTimeOffset finishedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assignment.TrialId);
        ArgumentException.ThrowIfNullOrWhiteSpace(assignment.Sweep);
        ArgumentException.ThrowIfNullOrWhiteSpace(assignment.SweepFileHash);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(assignment.Attempt);
        TrialDefinition definition = assignment.Definition;
        TrainingOptions training = definition.Training;
        return new TrialResult
        {
            TrialId = assignment.TrialId,
            ConfigurationId = assignment.ConfigurationId,
            Sweep = assignment.Sweep,
            SweepFileHash = assignment.SweepFileHash,
            Status = TrialResultStatus.Failed,
            Parameters = new Dictionary<string, string>(assignment.Parameters, StringComparer.Ordinal),
            Settings = new Dictionary<string, string>(assignment.Settings, StringComparer.Ordinal),
            Initializer = definition.Initializer,
            L2Lambda = training.L2Lambda,
            KeepProb = training.KeepProb,
            Seed = training.Seed,
            LearningRate = training.LearningRate,
            Hidden = definition.Hidden.ToArray(),
            Activation = definition.HiddenActivation,
            Node = node ?? "",
            Attempts = assignment.Attempt,
            StartedAt = startedAt.ToUniversalTime(),
            FinishedAt = finishedAt.ToUniversalTime(),
        };
    }
}
