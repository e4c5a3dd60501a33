using MathNet.Numerics.Distributions;

namespace Sweep.Insight.Importance;

/// <summary>
/// A Parzen estimate of where a setting's values fall, over a fixed set of cells (PED-ANOVA's discretized domain):
/// a mixture of one kernel per occupied cell, weighted by how many values fell in it, and a wide prior kernel of
/// weight <see cref="PriorWeight"/> so that a handful of values never makes a cell impossible.
/// <para>
/// Ordered cells (a number's bins) use a normal kernel truncated to the cells and integrated over each cell, with
/// Scott's bandwidth <c>1.059 min(IQR/1.34, sigma) n^(-1/5)</c> in cell units, at least <c>0.5/1.64</c> so that 90% of
/// a kernel can fit in its own cell; the prior is centred with a bandwidth of the whole range. Unordered cells
/// (categories) use a kernel that puts 1 on its own category and <c>PriorWeight/(k+1)</c> on each of the others before
/// normalizing (k occupied categories), and a uniform prior: Optuna's categorical kernel.
/// </para>
/// </summary>
public sealed class GridDensity
{
    public const double PriorWeight = 1.0;

    private const double MinimumBandwidth = 0.5 / 1.64;

    private readonly double[] _mass;

    private GridDensity(double[] mass) => _mass = mass;

    /// <summary>The estimated probability of each cell; they sum to 1.</summary>
    public IReadOnlyList<double> Mass => _mass;

    /// <param name="counts">How many values fell in each cell.</param>
    /// <param name="ordered">Whether neighbouring cells are near values (bins of a number) or not (categories).</param>
    public static GridDensity Of(IReadOnlyList<int> counts, bool ordered)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count == 0)
        {
            throw new ArgumentException("a density needs at least one cell", nameof(counts));
        }

        double total = counts.Sum() + PriorWeight;
        var mass = new double[counts.Count];
        double[] prior = ordered ? TruncatedNormal(counts.Count, (counts.Count - 1) / 2.0, counts.Count) : Uniform(counts.Count);
        Accumulate(mass, prior, PriorWeight / total);
        double bandwidth = ordered ? ScottBandwidth(counts) : 0;
        int occupied = counts.Count(c => c > 0);
        for (int cell = 0; cell < counts.Count; cell++)
        {
            if (counts[cell] == 0)
            {
                continue;
            }

            double[] kernel = ordered ? TruncatedNormal(counts.Count, cell, bandwidth) : CategoryKernel(counts.Count, cell, occupied);
            Accumulate(mass, kernel, counts[cell] / total);
        }

        return new GridDensity(mass);
    }

    /// <summary>Scott's rule over the cell indices of the values, in cell units.</summary>
    private static double ScottBandwidth(IReadOnlyList<int> counts)
    {
        int n = counts.Sum();
        if (n == 0)
        {
            return MinimumBandwidth;
        }

        double mean = 0;
        for (int cell = 0; cell < counts.Count; cell++)
        {
            mean += cell * (double)counts[cell] / n;
        }

        double squares = 0;
        for (int cell = 0; cell < counts.Count; cell++)
        {
            squares += counts[cell] * (cell - mean) * (cell - mean);
        }

        double sigma = Math.Sqrt(squares / Math.Max(1, n - 1));
        double interquartileRange = CellAt(counts, n * 3 / 4, upper: true) - CellAt(counts, n / 4, upper: false);
        double scott = 1.059 * Math.Min(interquartileRange / 1.34, sigma) * Math.Pow(n, -0.2);
        return Math.Max(scott, MinimumBandwidth);
    }

    /// <summary>The cell holding the value of the given rank (counting from 0, or from 1 when <paramref name="upper"/>).</summary>
    private static int CellAt(IReadOnlyList<int> counts, int rank, bool upper)
    {
        int cumulative = 0;
        int last = 0;
        for (int cell = 0; cell < counts.Count; cell++)
        {
            if (counts[cell] == 0)
            {
                continue;
            }

            cumulative += counts[cell];
            last = cell;
            if (upper ? cumulative > rank : cumulative >= rank)
            {
                return cell;
            }
        }

        return last;
    }

    /// <summary>N(mu, sigma) integrated over each cell [i - 1/2, i + 1/2], renormalized to the cells' range.</summary>
    private static double[] TruncatedNormal(int cells, double mu, double sigma)
    {
        var mass = new double[cells];
        double previous = Normal.CDF(mu, sigma, -0.5);
        double lowest = previous;
        for (int i = 0; i < cells; i++)
        {
            double next = Normal.CDF(mu, sigma, i + 0.5);
            mass[i] = next - previous;
            previous = next;
        }

        double inside = previous - lowest;
        for (int i = 0; i < cells; i++)
        {
            mass[i] /= inside;
        }

        return mass;
    }

    private static double[] Uniform(int cells) => Enumerable.Repeat(1.0 / cells, cells).ToArray();

    private static double[] CategoryKernel(int cells, int category, int occupied)
    {
        double spread = PriorWeight / (occupied + 1);
        var kernel = Enumerable.Repeat(spread, cells).ToArray();
        kernel[category] += 1;
        double sum = kernel.Sum();
        for (int i = 0; i < cells; i++)
        {
            kernel[i] /= sum;
        }

        return kernel;
    }

    private static void Accumulate(double[] mass, double[] kernel, double weight)
    {
        for (int i = 0; i < mass.Length; i++)
        {
            mass[i] += weight * kernel[i];
        }
    }
}
