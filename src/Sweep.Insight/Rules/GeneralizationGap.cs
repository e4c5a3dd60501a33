using Sweep.Domain;

namespace Sweep.Insight.Rules;

/// <summary>
/// Completed trials whose training accuracy exceeds their held-out accuracy (validation when the sweep holds a
/// validation set out, test otherwise) by more than <see cref="LargeGap"/>: they fit their training set better than
/// they generalize. Trials that learned nothing (training accuracy within 0.05 of chance) are left out: their gap is
/// the difference in class balance between the two sets, not overfitting.
/// </summary>
public sealed class GeneralizationGap : IDiagnosisRule
{
    /// <summary>
    /// Two percentage points: two examples of the course's circles test set (100), four of its football test set
    /// (200). Below that the gap is within the sampling noise of the held-out accuracy itself (one standard error of
    /// an accuracy of 0.93 on 200 examples is 0.018), so it says little about the settings.
    /// </summary>
    public const double LargeGap = 0.02;

    public IEnumerable<Finding> Find(SweepTrials sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var measured = sweep.Completed.Where(t => Gap(t) is not null && !sweep.IsAtChance(t.TrainAccuracy!.Value)).ToList();
        foreach (SettingGroup group in Culprits.Of(measured, t => Gap(t) > LargeGap))
        {
            string set = group.Affected.All(t => t.ValidationAccuracy is not null) ? "validation" : "test";
            var gaps = group.Affected.Select(t => Gap(t)!.Value).ToList();
            var train = group.Affected.Select(t => t.TrainAccuracy!.Value).ToList();
            var heldOut = group.Affected.Select(HeldOutAccuracy).OfType<double>().ToList();
            var numbers = new Dictionary<string, double>
            {
                ["gap"] = gaps.Average(),
                ["train_accuracy"] = train.Average(),
                [$"{set}_accuracy"] = heldOut.Average(),
                ["threshold"] = LargeGap,
            };
            var others = measured.Except(group.Affected).Select(t => Gap(t)!.Value).ToList();
            string compared = others.Count == 0 ? ""
                : others.Count == 1 ? $"; the other completed trial's gap is {Words.Gap(others[0])}"
                : $"; the other {others.Count} completed trials' gaps are {Words.Span(others, Words.Gap)}";
            yield return group.ToFinding(FindingKinds.GeneralizationGap, numbers,
                $"{group.Opening} scored higher on the training set than on the {set} set: a train-{set} gap of {Words.Span(gaps, Words.Gap)} " +
                $"(train accuracy {Words.Span(train, Words.Accuracy)}, {set} {Words.Span(heldOut, Words.Accuracy)}), above {Words.Accuracy(LargeGap)}{compared}.");
        }
    }

    /// <summary>Validation accuracy when the trial has one, else test accuracy.</summary>
    public static double? HeldOutAccuracy(TrialResult trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return trial.ValidationAccuracy ?? trial.TestAccuracy;
    }

    /// <summary>Training accuracy minus <see cref="HeldOutAccuracy"/>; null when either is missing.</summary>
    public static double? Gap(TrialResult trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return trial.TrainAccuracy - HeldOutAccuracy(trial);
    }
}
