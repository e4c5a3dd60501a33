namespace Sweep.Insight.Rules;

/// <summary>
/// Trials whose gradient flow at the last record point was not healthy, in the engine's words
/// (<c>Sweep.Training.Diagnostics.StabilityDiagnostics</c>): vanishing when <c>||dW1|| / ||dWL||</c> is below 1e-3,
/// exploding above 1e3, no gradient when both norms are 0. (A flow of <c>diverged</c> is the divergence rule's.)
/// </summary>
public sealed class GradientFlowProblems : IDiagnosisRule
{
    /// <summary>The engine's <c>StabilityDiagnostics.VanishingRatio</c>; Insight does not depend on the engine.</summary>
    public const double VanishingRatio = 1e-3;

    public IEnumerable<Finding> Find(SweepTrials sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var kinds = new (string Flow, string Kind, string Words)[]
        {
            ("vanishing", FindingKinds.VanishingGradient, $"vanishing gradient flow: the first layer got less than {Words.Number(VanishingRatio)} of the last layer's gradient"),
            ("exploding", FindingKinds.ExplodingGradient, $"exploding gradient flow: the first layer got more than {Words.Number(1 / VanishingRatio)} times the last layer's gradient"),
            ("no_gradient", FindingKinds.NoGradient, "no gradient at all: every layer's gradient norm was 0"),
        };
        foreach (var (flow, kind, words) in kinds)
        {
            foreach (SettingGroup group in Culprits.Of(sweep.All, t => t.GradientFlow == flow))
            {
                var numbers = new Dictionary<string, double>();
                var ratios = group.Affected.Select(t => t.GradientNormRatio).OfType<double>().Where(double.IsFinite).ToList();
                string ratio = "";
                if (ratios.Count > 0 && flow != "no_gradient")
                {
                    numbers["gradient_norm_ratio"] = ratios.Count == 1 ? ratios[0] : Math.Exp(ratios.Average(Math.Log));
                    ratio = $" (||dW1||/||dWL|| {Words.Span(ratios, Words.Number)})";
                }

                yield return group.ToFinding(kind, numbers, $"{group.Opening} ended with {words}{ratio}.");
            }
        }
    }
}
