namespace Sweep.Search.Distributions;

/// <summary>A positive float whose logarithm is uniform over [log Low, log High]: every decade is equally likely.</summary>
public sealed record LogUniformDistribution : IParameterDistribution
{
    public LogUniformDistribution(double low, double high)
    {
        RangeCheck.Ordered(low, high);
        RangeCheck.PositiveForLog(low, high);
        Low = low;
        High = high;
    }

    public double Low { get; }

    public double High { get; }

    public double Sample(Random source)
    {
        ArgumentNullException.ThrowIfNull(source);
        double logLow = Math.Log(Low);
        double logValue = logLow + (source.NextDouble() * (Math.Log(High) - logLow));
        // exp(log x) need not give x back exactly; clamping keeps the ends inside the range.
        return Math.Clamp(Math.Exp(logValue), Low, High);
    }

    public bool Contains(double value) => value >= Low && value <= High;

    public string Describe() => $"log_uniform [{RangeCheck.Format(Low)}, {RangeCheck.Format(High)}]";
}
