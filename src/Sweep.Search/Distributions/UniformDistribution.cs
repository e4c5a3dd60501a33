namespace Sweep.Search.Distributions;

/// <summary>A float drawn uniformly from [Low, High].</summary>
public sealed record UniformDistribution : IParameterDistribution
{
    public UniformDistribution(double low, double high)
    {
        RangeCheck.Ordered(low, high);
        Low = low;
        High = high;
    }

    public double Low { get; }

    public double High { get; }

    public double Sample(Random source)
    {
        ArgumentNullException.ThrowIfNull(source);
        // low + u * width can round up to High; the range is closed, so that is still a value of the distribution.
        return Math.Min(High, Low + (source.NextDouble() * (High - Low)));
    }

    public bool Contains(double value) => value >= Low && value <= High;

    public string Describe() => $"uniform [{RangeCheck.Format(Low)}, {RangeCheck.Format(High)}]";
}
