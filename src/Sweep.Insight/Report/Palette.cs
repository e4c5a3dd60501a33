using Sweep.Domain;

namespace Sweep.Insight.Report;

/// <summary>One colour per trial status, the same in every chart.</summary>
internal static class Palette
{
    public static string OfStatus(string status) => status switch
    {
        TrialResultStatus.Completed => "#2a9d8f",
        TrialResultStatus.GradcheckFailed => "#e9a23b",
        TrialResultStatus.Diverged => "#d62828",
        _ => "#6c757d",
    };
}
