using MathNet.Numerics.Distributions;

namespace Sweep.Search.Parzen;

/// <summary>
/// The standard normal truncated to [a, b], in the two forms TPE needs: the log of the mass of an interval, and the
/// quantile that turns a uniform draw into a draw from the truncated normal (Optuna's <c>_truncnorm</c>).
/// </summary>
/// <remarks>
/// Optuna works with log CDFs to survive intervals far out in a tail. TPE's kernels are centred on observations
/// inside their range and never wider than it, so a &lt;= 0 &lt;= b and the range holds at least Phi(1) - 1/2 of the
/// mass; evaluating each interval on the side of zero it lies on keeps the CDFs away from 1, which is enough here.
/// </remarks>
internal static class TruncatedNormal
{
    /// <summary>log(Phi(b) - Phi(a)) for a &lt;= b; negative infinity when the mass underflows.</summary>
    public static double LogMass(double a, double b)
    {
        if (a >= 0)
        {
            return Math.Log(Normal.CDF(0, 1, -a) - Normal.CDF(0, 1, -b));
        }

        if (b <= 0)
        {
            return Math.Log(Normal.CDF(0, 1, b) - Normal.CDF(0, 1, a));
        }

        return Math.Log(1 - Normal.CDF(0, 1, a) - Normal.CDF(0, 1, -b));
    }

    /// <summary>
    /// The point z in [a, b] with Phi(z) = Phi(a) + u (Phi(b) - Phi(a)). The lower half of u is solved from the left
    /// tail and the upper half from the right one, so neither end rounds to a CDF of exactly 1.
    /// </summary>
    public static double Quantile(double u, double a, double b)
    {
        double z;
        if (u < 0.5)
        {
            double lower = Normal.CDF(0, 1, a);
            z = Normal.InvCDF(0, 1, lower + (u * (Normal.CDF(0, 1, b) - lower)));
        }
        else
        {
            double upper = Normal.CDF(0, 1, -b);
            z = -Normal.InvCDF(0, 1, upper + ((1 - u) * (Normal.CDF(0, 1, -a) - upper)));
        }

        return Math.Clamp(z, a, b);
    }
}
