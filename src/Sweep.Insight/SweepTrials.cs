using Sweep.Domain;

namespace Sweep.Insight;

/// <summary>
/// The trials of one sweep as the rules see them, with the one fact about the data they need that a trial does not
/// hold: how many classes it has (null when unknown, e.g. a softmax sweep with no trained model to read it from).
/// </summary>
public sealed class SweepTrials
{
    public SweepTrials(IReadOnlyList<TrialResult> trials, int? classCount)
    {
        ArgumentNullException.ThrowIfNull(trials);
        if (classCount is < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "a classifier has at least 2 classes");
        }

        All = trials;
        ClassCount = classCount;
    }

    public IReadOnlyList<TrialResult> All { get; }

    public int? ClassCount { get; }

    /// <summary>1/K: the accuracy of guessing, or of predicting one class on balanced data.</summary>
    public double? ChanceAccuracy => 1.0 / ClassCount;

    /// <summary>
    /// ln K: the mean cross-entropy of predicting 1/K for every class, the cost an untrained network with a small
    /// output starts near.
    /// </summary>
    public double? ConstantPredictionCost => ClassCount is { } k ? Math.Log(k) : null;

    public IEnumerable<TrialResult> Completed => All.Where(t => t.Status == TrialResultStatus.Completed);

    /// <summary>Whether <paramref name="accuracy"/> is at (within 0.05 of) or below chance; false when chance is unknown.</summary>
    public bool IsAtChance(double accuracy) => ChanceAccuracy is { } chance && accuracy <= chance + 0.05;

    /// <summary>"at chance for 2 classes (0.50)" or "(chance for 2 classes: 0.50)", or "" when the classes are unknown.</summary>
    public string ChanceWords(double accuracy) => ChanceAccuracy is not { } chance ? ""
        : IsAtChance(accuracy) ? $", at chance for {ClassCount} classes ({Words.Accuracy(chance)})"
        : $" (chance for {ClassCount} classes: {Words.Accuracy(chance)})";
}
