using System.Globalization;

namespace Sweep.Search.Distributions;

/// <summary>The argument checks every range shares, so each distribution refuses bad bounds with the same words.</summary>
internal static class RangeCheck
{
    public static void Ordered(double low, double high)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high))
        {
            throw new ArgumentException($"The range [{Format(low)}, {Format(high)}] must have finite ends.");
        }

        if (!(low < high))
        {
            throw new ArgumentException($"The range [{Format(low)}, {Format(high)}] needs low < high.");
        }
    }

    public static void PositiveForLog(double low, double high)
    {
        if (!(low > 0))
        {
            throw new ArgumentException($"The log range [{Format(low)}, {Format(high)}] needs low > 0.");
        }
    }

    public static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
