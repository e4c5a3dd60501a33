using Sweep.Domain;

namespace Sweep.Insight.Rules;

/// <summary>
/// The regression form of <see cref="GeneralizationGap"/>: completed trials whose held-out RMSE (validation when the
/// sweep holds a validation set out, test otherwise) is more than <see cref="LargeRatio"/> times their training RMSE.
/// An error ratio rather than a difference, since RMSE is in the target's own units.
/// </summary>
public sealed class RegressionGap : IDiagnosisRule
{
    /// <summary>
    /// 20% more error on held-out data than on the training set. The RMSE measured on n held-out examples has a relative
    /// standard error of about 1/sqrt(2n), 7% on diabetes' 110 test rows, so below 1.2 the gap is mostly that noise.
    /// </summary>
    public const double LargeRatio = 1.2;

    public IEnumerable<Finding> Find(SweepTrials sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var measured = sweep.Completed.Where(t => Ratio(t) is not null).ToList();
        foreach (SettingGroup group in Culprits.Of(measured, t => Ratio(t) > LargeRatio))
        {
            string set = group.Affected.All(t => t.ValidationRmse is not null) ? "validation" : "test";
            var ratios = group.Affected.Select(t => Ratio(t)!.Value).ToList();
            var train = group.Affected.Select(t => t.TrainRmse!.Value).ToList();
            var heldOut = group.Affected.Select(t => (t.ValidationRmse ?? t.TestRmse)!.Value).ToList();
            var numbers = new Dictionary<string, double>
            {
                ["rmse_ratio"] = ratios.Average(),
                ["train_rmse"] = train.Average(),
                [$"{set}_rmse"] = heldOut.Average(),
                ["threshold"] = LargeRatio,
            };
            var others = measured.Except(group.Affected).Select(t => Ratio(t)!.Value).ToList();
            string compared = others.Count == 0 ? ""
                : others.Count == 1 ? $"; the other completed trial's is {Words.Times(others[0])} times"
                : $"; the other {others.Count} completed trials' are {Words.Span(others, Words.Number)} times";
            yield return group.ToFinding(FindingKinds.GeneralizationGap, numbers,
                $"{group.Opening} fit the training set better than the {set} set: a {set} RMSE of {Words.Span(heldOut, Words.Number)} against a training RMSE of " +
                $"{Words.Span(train, Words.Number)}, {Words.Span(ratios, Words.Number)} times, above {Words.Number(LargeRatio)} times{compared}.");
        }
    }

    /// <summary>Held-out RMSE over training RMSE; null when the trial is not a regression or fit its training set exactly.</summary>
    public static double? Ratio(TrialResult trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return trial.TrainRmse is > 0 and { } train && (trial.ValidationRmse ?? trial.TestRmse) is { } heldOut ? heldOut / train : null;
    }
}
