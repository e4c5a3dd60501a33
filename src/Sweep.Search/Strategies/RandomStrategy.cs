using Sweep.Search.Sampling;

namespace Sweep.Search.Strategies;

/// <summary>
/// Random search: configuration i draws every parameter from its prior with the source for (seed, i) alone, so it is
/// the same whatever else has been asked or told.
/// </summary>
public sealed class RandomStrategy : ISearchStrategy
{
    private readonly SearchSpace _space;
    private readonly ulong _seed;

    public RandomStrategy(SearchSpace space, int samples, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        _space = space;
        Count = samples;
        _seed = seed;
    }

    public int Count { get; }

    public bool CanAsk(int index) => true;

    public Configuration Ask(int index)
    {
        IndexCheck.InSearch(index, Count);
        return new Configuration(index, Draw(_space, _seed, index));
    }

    /// <summary>Random search does not learn: outcomes are only checked to belong to the search.</summary>
    public void Tell(int index, double? loss) => IndexCheck.InSearch(index, Count);

    /// <summary>The prior draw for configuration <paramref name="index"/>, shared with TPE's startup.</summary>
    internal static double[] Draw(SearchSpace space, ulong seed, int index)
    {
        Random source = DrawSource.For(seed, index, DrawPurpose.RandomConfiguration);
        var values = new double[space.Parameters.Count];
        for (int p = 0; p < values.Length; p++)
        {
            values[p] = space.Parameters[p].Distribution.Sample(source);
        }

        return values;
    }
}
