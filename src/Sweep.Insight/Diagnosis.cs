using Sweep.Domain;
using Sweep.Insight.Rules;

namespace Sweep.Insight;

/// <summary>
/// What a sweep's stored trials say, in plain words with numbers: each rule in turn, problems first (gradient-check
/// failures, divergence, symmetric units, gradient flow, a saturated start, a train-test gap), then what trained
/// healthily and which initializer suits which activation. Reads only the trials, so <c>sweep diagnose</c> and a
/// report can share it.
/// </summary>
public static class Diagnosis
{
    public static IReadOnlyList<IDiagnosisRule> Rules { get; } =
    [
        new GradientCheckFailures(),
        new Divergence(),
        new SymmetricUnits(),
        new GradientFlowProblems(),
        new SaturatedStart(),
        new GeneralizationGap(),
        new RegressionGap(),
        new HealthyTraining(),
        new InitializerForActivation(),
    ];

    /// <param name="trials">The trials of one sweep.</param>
    /// <param name="classCount">How many classes the data has; null when unknown.</param>
    public static IReadOnlyList<Finding> Of(IReadOnlyList<TrialResult> trials, int? classCount)
    {
        var sweep = new SweepTrials(trials, classCount);
        return Rules.SelectMany(rule => rule.Find(sweep)).ToList();
    }

    /// <summary>
    /// The number of classes a sweep's trials were trained on, as far as their settings say: 2 for a sigmoid output
    /// (the default); null for softmax, whose class count only a trained model holds.
    /// </summary>
    public static int? ClassCountFromSettings(IReadOnlyList<TrialResult> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var outputs = trials.Select(t => t.Settings.TryGetValue("output", out string? output) ? output : "sigmoid").Distinct().ToList();
        return outputs is ["sigmoid"] ? 2 : null;
    }
}
