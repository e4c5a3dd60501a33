namespace Sweep.Search.Strategies;

/// <summary>The settings of a <see cref="TpeStrategy"/>; the defaults are Optuna's TPESampler's.</summary>
public sealed record TpeOptions
{
    /// <summary>How many configurations the search proposes in all.</summary>
    public required int Samples { get; init; }

    /// <summary>The seed every draw of the search derives from, with the configuration's index.</summary>
    public ulong Seed { get; init; }

    /// <summary>
    /// How many configurations may be in flight at once: configuration i learns only from configurations
    /// 0 .. i - Parallel, so its proposal never depends on which trials happened to finish first.
    /// </summary>
    public int Parallel { get; init; } = 8;

    /// <summary>Configurations drawn at random (as <see cref="RandomStrategy"/> draws them) before TPE takes over.</summary>
    public int StartupConfigurations { get; init; } = 10;

    /// <summary>How many candidates are drawn from l(x) per proposal; the best ratio l/g wins.</summary>
    public int Candidates { get; init; } = 24;

    /// <summary>Whether the kernels are joint over all parameters rather than one estimator per parameter.</summary>
    public bool Multivariate { get; init; }

    /// <summary>The weight of the prior component of each Parzen estimator, relative to one observation.</summary>
    public double PriorWeight { get; init; } = 1.0;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Samples, nameof(Samples));
        ArgumentOutOfRangeException.ThrowIfLessThan(Parallel, 1, nameof(Parallel));
        ArgumentOutOfRangeException.ThrowIfNegative(StartupConfigurations, nameof(StartupConfigurations));
        ArgumentOutOfRangeException.ThrowIfLessThan(Candidates, 1, nameof(Candidates));
        // Optuna allows a weight of 0; a positive one keeps both densities finite everywhere in the range, so the
        // acquisition l - g never becomes -inf - -inf.
        if (!double.IsFinite(PriorWeight) || PriorWeight <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PriorWeight), PriorWeight, "The prior weight must be positive and finite.");
        }
    }
}
