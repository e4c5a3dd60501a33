namespace Sweep.Search.Distributions;

/// <summary>
/// An integer in [Low, High], both ends included. Plain, every integer is equally likely. With <see cref="Log"/>, as
/// Optuna does for <c>IntDistribution(log=True)</c>, a float is drawn uniformly in log space over
/// [log(Low - 0.5), log(High + 0.5)] and rounded, so k has probability proportional to log(k + 0.5) - log(k - 0.5).
/// </summary>
public sealed record IntDistribution : IParameterDistribution
{
    public IntDistribution(int low, int high, bool log = false)
    {
        RangeCheck.Ordered(low, high);
        if (log)
        {
            if (low < 1)
            {
                throw new ArgumentException($"The log int range [{low}, {high}] needs low >= 1.");
            }
        }

        Low = low;
        High = high;
        Log = log;
    }

    public int Low { get; }

    public int High { get; }

    public bool Log { get; }

    public double Sample(Random source)
    {
        ArgumentNullException.ThrowIfNull(source);
        double u = source.NextDouble();
        if (!Log)
        {
            return Math.Min(High, Low + Math.Floor(u * ((double)High - Low + 1)));
        }

        double logLow = Math.Log(Low - 0.5);
        double widened = Math.Exp(logLow + (u * (Math.Log(High + 0.5) - logLow)));
        return Math.Clamp(Math.Round(widened, MidpointRounding.ToEven), Low, High);
    }

    public bool Contains(double value) => value >= Low && value <= High && Math.Floor(value) == value;

    public string Describe() => Log ? $"int [{Low}, {High}] log" : $"int [{Low}, {High}]";
}
