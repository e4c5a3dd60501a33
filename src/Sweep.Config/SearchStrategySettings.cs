namespace Sweep.Config;

/// <summary>
/// How a sweep searches its space (<c>strategy:</c>): every point of a grid, or a budget of sampled configurations.
/// </summary>
/// <param name="Name"><see cref="Grid"/>, <see cref="Random"/> or <see cref="Tpe"/>.</param>
/// <param name="Samples">How many configurations random and TPE propose; the grid's size under grid.</param>
/// <param name="Seed">The sampler's seed (not a trial's <c>training.seed</c>).</param>
/// <param name="Parallel">
/// How far TPE's proposals may run ahead of its results: configuration i learns from configurations 0 .. i - Parallel
/// only, so the same file gives the same trials on any number of workers. 1 under grid and random.
/// </param>
/// <param name="Multivariate">Whether TPE models the searched settings jointly rather than one by one.</param>
public sealed record SearchStrategySettings(string Name, int Samples, ulong Seed, int Parallel, bool Multivariate)
{
    public const string Grid = "grid";
    public const string Random = "random";
    public const string Tpe = "tpe";

    public static IReadOnlyList<string> Names { get; } = [Grid, Random, Tpe];

    /// <summary>Whether the trials depend on results (TPE), so they cannot all be listed before the sweep runs.</summary>
    public bool IsAdaptive => Name == Tpe;

    /// <summary>The strategy as one line, for <c>sweep validate</c> and the sweep's meaning.</summary>
    public string Describe() => Name switch
    {
        Grid => "grid",
        Random => FormattableString.Invariant($"random, {Samples} configurations, seed {Seed}"),
        _ => FormattableString.Invariant(
            $"tpe, {Samples} configurations, seed {Seed}, parallel {Parallel}{(Multivariate ? ", multivariate" : string.Empty)}"),
    };
}
