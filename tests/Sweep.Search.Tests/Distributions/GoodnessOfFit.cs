using MathNet.Numerics.Distributions;

namespace Sweep.Search.Tests.Distributions;

/// <summary>The two classical tests the distribution tests use: Kolmogorov–Smirnov for floats, chi-square for counts.</summary>
internal static class GoodnessOfFit
{
    /// <summary>D = sup |F_n(x) - F(x)| of the sample against the CDF.</summary>
    public static double KolmogorovSmirnov(double[] sample, Func<double, double> cdf)
    {
        double[] sorted = (double[])sample.Clone();
        Array.Sort(sorted);
        double d = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            double f = cdf(sorted[i]);
            d = Math.Max(d, Math.Max(((i + 1.0) / sorted.Length) - f, f - ((double)i / sorted.Length)));
        }

        return d;
    }

    /// <summary>The asymptotic critical value of D at significance 0.001: sqrt(-ln(0.001 / 2) / 2) / sqrt(n).</summary>
    public static double KolmogorovSmirnovCritical(int n) => Math.Sqrt(-Math.Log(0.001 / 2) / 2) / Math.Sqrt(n);

    /// <summary>The p-value of observed counts against expected probabilities.</summary>
    public static double ChiSquarePValue(int[] counts, double[] probabilities)
    {
        int n = counts.Sum();
        double statistic = 0;
        for (int k = 0; k < counts.Length; k++)
        {
            double expected = n * probabilities[k];
            statistic += (counts[k] - expected) * (counts[k] - expected) / expected;
        }

        return 1 - ChiSquared.CDF(counts.Length - 1, statistic);
    }
}
