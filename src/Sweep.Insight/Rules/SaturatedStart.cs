using Sweep.Domain;

namespace Sweep.Insight.Rules;

/// <summary>
/// Trials that started with a saturated output: the first recorded cost far above ln K, the cost of predicting 1/K for
/// every class (ln 2 ≈ 0.693 for two classes), which is where a network with small initial weights starts.
/// </summary>
public sealed class SaturatedStart : IDiagnosisRule
{
    /// <summary>
    /// Ten times ln K. A mean cross-entropy of 10 ln K means the labels got on average a probability like K^-10
    /// (under 0.001 for two classes), which only an output pushed deep into its flat tails gives: a sigmoid's input
    /// beyond about ±7 on many examples. Sane initializations start within a factor of about 2 (He on the course's
    /// circles: 1.3 times), and random x10 starts thousands of times above, so the threshold sits far from both.
    /// The first recorded cost is the training objective, with L2 when there is some: large weights make that term
    /// large too, which is the same problem seen from the other side.
    /// </summary>
    public const double TimesConstantPredictionCost = 10;

    public IEnumerable<Finding> Find(SweepTrials sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        if (sweep.ConstantPredictionCost is not { } baseline)
        {
            yield break;
        }

        foreach (SettingGroup group in Culprits.Of(sweep.All, t => IsSaturated(t, baseline)))
        {
            var first = group.Affected.Select(t => t.CostCurve[0].Cost).ToList();
            var times = first.Select(c => c / baseline).ToList();
            var numbers = new Dictionary<string, double> { ["first_cost"] = first.Average(), ["times_constant_prediction_cost"] = times.Average() };
            string end = "";
            var last = group.Affected.Where(t => t.Status == TrialResultStatus.Completed && t.CostCurve.Count > 1).ToList();
            if (last.Count > 0)
            {
                double final = last.Average(t => t.CostCurve[^1].Cost);
                numbers["last_cost"] = final;
                end = $"; training brought it to {Words.Number(final)}";
                var accuracies = last.Select(t => t.TestAccuracy).OfType<double>().ToList();
                if (accuracies.Count > 0)
                {
                    numbers["test_accuracy"] = accuracies.Average();
                    end += $", test accuracy {Words.Span(accuracies, Words.Accuracy)}";
                }
            }

            yield return group.ToFinding(FindingKinds.SaturatedStart, numbers,
                $"{group.Opening} started with a saturated output: a large initial cost of {Words.Span(first, Words.Number)}, " +
                $"{Words.Span(times, Words.Times)} times the {Words.Number(baseline)} (ln {sweep.ClassCount}) of a constant prediction{end}.");
        }
    }

    public static bool IsSaturated(TrialResult trial, double constantPredictionCost)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return trial.CostCurve.Count > 0 && double.IsFinite(trial.CostCurve[0].Cost)
            && trial.CostCurve[0].Cost > TimesConstantPredictionCost * constantPredictionCost;
    }
}
