namespace Sweep.Domain;

/// <summary>
/// The stored outcomes of a trial. Every one of them is final: a resumed sweep does not run a stored trial again.
/// </summary>
public static class TrialResultStatus
{
    /// <summary>Trained to the end; the metrics and the model are set.</summary>
    public const string Completed = "completed";

    /// <summary>The gradient check failed, so the trial was not trained; the difference and worst parameter are set.</summary>
    public const string GradcheckFailed = "gradcheck_failed";

    /// <summary>The cost became NaN or infinite, or grew without bound; the message says how.</summary>
    public const string Diverged = "diverged";

    /// <summary>The trial kept killing its worker (or threw) until it ran out of attempts.</summary>
    public const string Failed = "failed";

    public static IReadOnlyList<string> All { get; } = [Completed, GradcheckFailed, Diverged, Failed];

    public static bool IsValid(string? status) => status is not null && All.Contains(status, StringComparer.Ordinal);

    /// <summary>Throws <see cref="ArgumentException"/> naming the valid statuses when <paramref name="status"/> is not one.</summary>
    public static void Require(string? status, string parameterName)
    {
        if (!IsValid(status))
        {
            throw new ArgumentException($"unknown trial status '{status}': expected one of {string.Join(", ", All)}", parameterName);
        }
    }
}
