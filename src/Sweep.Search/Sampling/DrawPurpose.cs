namespace Sweep.Search.Sampling;

/// <summary>
/// What a stream of draws is for. Each purpose gets its own stream for the same (seed, index), so TPE's proposal
/// does not reuse the numbers of the random configuration it replaces.
/// </summary>
public enum DrawPurpose
{
    /// <summary>A configuration drawn from the priors (random search, TPE's startup).</summary>
    RandomConfiguration = 1,

    /// <summary>TPE's candidates and kernel choices for one proposal.</summary>
    TpeProposal = 2,
}
