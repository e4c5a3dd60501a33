namespace Sweep.Insight;

/// <summary>The kinds of <see cref="Finding"/>, as <c>sweep diagnose --json</c> names them.</summary>
public static class FindingKinds
{
    public const string GradientCheckFailure = "gradient_check_failure";
    public const string Divergence = "divergence";
    public const string SymmetricUnits = "symmetric_units";
    public const string VanishingGradient = "vanishing_gradient";
    public const string ExplodingGradient = "exploding_gradient";
    public const string NoGradient = "no_gradient";
    public const string SaturatedStart = "saturated_start";
    public const string GeneralizationGap = "generalization_gap";
    public const string HealthyTraining = "healthy_training";
    public const string InitializerForActivation = "initializer_for_activation";
}
