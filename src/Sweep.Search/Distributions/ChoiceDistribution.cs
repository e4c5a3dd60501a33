namespace Sweep.Search.Distributions;

/// <summary>
/// A categorical over <see cref="Count"/> unordered choices. Its values are the indices 0 .. Count - 1; the caller
/// maps an index to its own value.
/// </summary>
public sealed record ChoiceDistribution : IParameterDistribution
{
    public ChoiceDistribution(int count)
    {
        if (count < 1)
        {
            throw new ArgumentException($"A choice needs at least one option, not {count}.", nameof(count));
        }

        Count = count;
    }

    public int Count { get; }

    public double Sample(Random source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Math.Min(Count - 1, Math.Floor(source.NextDouble() * Count));
    }

    public bool Contains(double value) => value >= 0 && value < Count && Math.Floor(value) == value;

    public string Describe() => $"choice of {Count}";
}
