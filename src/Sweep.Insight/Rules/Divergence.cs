using Sweep.Domain;

namespace Sweep.Insight.Rules;

/// <summary>
/// Trials that diverged: the engine stopped them when the gradient or the cost became NaN or infinite. Says when, in
/// the engine's own words.
/// </summary>
public sealed class Divergence : IDiagnosisRule
{
    public IEnumerable<Finding> Find(SweepTrials sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        foreach (SettingGroup group in Culprits.Of(sweep.All, t => t.Status == TrialResultStatus.Diverged))
        {
            var messages = group.Affected.Select(t => t.Message).OfType<string>().Distinct().ToList();
            string why = messages.Count switch
            {
                0 => "",
                1 => $": {messages[0]}",
                _ => $": {messages[0]}, and {messages.Count - 1} other{(messages.Count == 2 ? "" : "s")}",
            };
            var numbers = new Dictionary<string, double> { ["iterations_run"] = group.Affected.Min(t => t.IterationsRun) };
            yield return group.ToFinding(FindingKinds.Divergence, numbers, $"{group.Opening} diverged{why}.");
        }
    }
}
