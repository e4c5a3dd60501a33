using Sweep.Domain;

namespace Sweep.Insight.Rules;

/// <summary>
/// Trials that trained healthily: completed, gradient flow healthy at the last record point, no symmetric hidden
/// units, and no saturated output at the start (<see cref="SaturatedStart"/>). Says the numbers that show it.
/// </summary>
public sealed class HealthyTraining : IDiagnosisRule
{
    public IEnumerable<Finding> Find(SweepTrials sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        foreach (SettingGroup group in Culprits.Of(sweep.All, t => IsHealthy(t, sweep)))
        {
            var numbers = new Dictionary<string, double>();
            var parts = new List<string>();
            var ratios = group.Affected.Select(t => t.GradientNormRatio).OfType<double>().ToList();
            parts.Add($"gradient flow healthy at the end (||dW1||/||dWL|| {Words.Span(ratios, Words.Number)})");
            numbers["gradient_norm_ratio"] = Math.Exp(ratios.Average(Math.Log));
            parts.Add("no symmetric units");
            var first = group.Affected.Where(t => t.CostCurve.Count > 0).Select(t => t.CostCurve[0].Cost).ToList();
            if (first.Count > 0 && sweep.ConstantPredictionCost is { } baseline)
            {
                numbers["first_cost"] = first.Average();
                parts.Add($"a first cost of {Words.Span(first, Words.Number)} ({Words.Span(first.Select(c => c / baseline), Words.Times)} times ln {sweep.ClassCount})");
            }

            var last = group.Affected.Where(t => t.CostCurve.Count > 1).Select(t => t.CostCurve[^1].Cost).ToList();
            if (last.Count > 0)
            {
                numbers["last_cost"] = last.Average();
                parts.Add($"a last cost of {Words.Span(last, Words.Number)}");
            }

            var accuracies = group.Affected.Select(t => t.TestAccuracy).OfType<double>().ToList();
            if (accuracies.Count > 0)
            {
                numbers["test_accuracy"] = accuracies.Average();
                parts.Add($"test accuracy {Words.Span(accuracies, Words.Accuracy)}");
            }

            yield return group.ToFinding(FindingKinds.HealthyTraining, numbers, $"{group.Opening} trained healthily: {string.Join(", ", parts)}.");
        }
    }

    public static bool IsHealthy(TrialResult trial, SweepTrials sweep)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(sweep);
        return trial.Status == TrialResultStatus.Completed && trial.GradientFlow == "healthy" && !trial.SymmetricUnits
            && trial.GradientNormRatio is { } ratio && double.IsFinite(ratio)
            && (sweep.ConstantPredictionCost is not { } baseline || !SaturatedStart.IsSaturated(trial, baseline));
    }
}
