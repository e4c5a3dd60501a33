using Sweep.Domain;

namespace Sweep.Insight.Rules;

/// <summary>
/// Which initializer suits which hidden activation on this data: for each activation trained with two or more
/// initializers, the initializer with the best mean held-out accuracy (validation when the sweep holds a validation
/// set out, test otherwise) over its completed trials, against the others. An initializer none of whose trials
/// completed ranks last and says so.
/// </summary>
public sealed class InitializerForActivation : IDiagnosisRule
{
    public IEnumerable<Finding> Find(SweepTrials sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        string set = sweep.Completed.Any() && sweep.Completed.All(t => t.ValidationAccuracy is not null) ? "validation" : "test";
        foreach (var activation in sweep.All.Where(t => t.Activation.Length > 0 && t.Initializer.Length > 0).GroupBy(t => t.Activation))
        {
            var ranked = activation.GroupBy(t => t.Initializer)
                .Select(g => (Initializer: g.Key, Trials: g.ToList(), Accuracies: g.Where(t => t.Status == TrialResultStatus.Completed)
                    .Select(GeneralizationGap.HeldOutAccuracy).OfType<double>().ToList()))
                .Select(g => (g.Initializer, g.Trials, g.Accuracies, Mean: g.Accuracies.Count > 0 ? g.Accuracies.Average() : double.NegativeInfinity))
                .OrderByDescending(g => g.Mean).ThenBy(g => g.Initializer, StringComparer.Ordinal)
                .ToList();
            if (ranked.Count < 2 || ranked[0].Accuracies.Count == 0)
            {
                continue;
            }

            var best = ranked[0];
            string others = string.Join(", ", ranked.Skip(1).Select(o => o.Accuracies.Count == 0
                ? $"{o.Initializer}: none of {Words.Trials(o.Trials.Count)} completed"
                : $"{o.Initializer} {Words.Accuracy(o.Mean)} ({Words.Trials(o.Accuracies.Count)})"));
            var numbers = new Dictionary<string, double> { [$"{set}_accuracy"] = best.Mean };
            var settings = new Dictionary<string, string> { ["activation"] = activation.Key, ["initializer"] = best.Initializer };
            yield return new Finding(FindingKinds.InitializerForActivation, settings, best.Trials.Count, best.Accuracies.Count, numbers,
                best.Trials.Select(t => t.TrialId).ToList(),
                $"With {activation.Key} hidden units, {best.Initializer} suits this data best: mean {set} accuracy {Words.Accuracy(best.Mean)} " +
                $"over {Words.Trials(best.Accuracies.Count)}, against {others}.");
        }
    }
}
