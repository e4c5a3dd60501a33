using Sweep.Domain;

namespace Sweep.Insight.Rules;

/// <summary>
/// Trials that ended with a hidden layer whose units are all identical (what zeros initialization leads to): gradient
/// descent keeps them identical, so the layer acts as one unit. Says what accuracy that left, against chance.
/// </summary>
public sealed class SymmetricUnits : IDiagnosisRule
{
    public IEnumerable<Finding> Find(SweepTrials sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        foreach (SettingGroup group in Culprits.Of(sweep.All, t => t.SymmetricUnits))
        {
            var numbers = new Dictionary<string, double>();
            string accuracy = "";
            var accuracies = group.Affected.Select(t => t.TestAccuracy).OfType<double>().ToList();
            if (accuracies.Count > 0)
            {
                double mean = accuracies.Average();
                numbers["test_accuracy"] = mean;
                accuracy = $" and test accuracy {Words.Span(accuracies, Words.Accuracy)}{sweep.ChanceWords(mean)}";
            }

            yield return group.ToFinding(FindingKinds.SymmetricUnits, numbers,
                $"{group.Opening} ended with symmetric hidden units (every unit of a hidden layer identical, so the layer acts as one unit){accuracy}.");
        }
    }
}
