using Sweep.Domain;

namespace Sweep.Insight.Rules;

/// <summary>
/// Trials whose gradient check failed (so they never trained): the backpropagated gradient disagreed with the numeric
/// one by more than the engine allows. Says by how much and at which parameter, as the store holds them.
/// </summary>
public sealed class GradientCheckFailures : IDiagnosisRule
{
    public IEnumerable<Finding> Find(SweepTrials sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        foreach (SettingGroup group in Culprits.Of(sweep.All, t => t.Status == TrialResultStatus.GradcheckFailed))
        {
            var differences = group.Affected.Select(t => t.GradcheckDifference).OfType<double>().ToList();
            TrialResult worst = group.Affected.MaxBy(t => t.GradcheckDifference ?? double.NegativeInfinity)!;
            var numbers = new Dictionary<string, double>();
            string how = "";
            if (differences.Count > 0)
            {
                numbers["gradcheck_difference"] = differences.Max();
                how = $": relative difference {(differences.Count > 1 ? "up to " : "")}{Words.Number(differences.Max())}" +
                    (worst.GradcheckWorst is null ? "" : $", worst at {worst.GradcheckWorst}");
            }

            yield return group.ToFinding(FindingKinds.GradientCheckFailure, numbers,
                $"{group.Opening} failed the gradient check, so they were never trained{how}.");
        }
    }
}
