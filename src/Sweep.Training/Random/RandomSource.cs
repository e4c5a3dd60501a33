namespace Sweep.Training.Random;

/// <summary>
/// A seeded stream of random numbers. Everything random in a trial (initial weights, dropout masks, splits,
/// shuffles, generated data sets) draws from one of these, so that a trial re-run is bit-identical.
/// The derived doubles follow NumPy's legacy <c>RandomState</c> on top of whatever 32-bit core the subclass has,
/// so a <see cref="NumpyRandomState"/> reproduces NumPy exactly.
/// </summary>
public abstract class RandomSource
{
    private bool _hasCachedGaussian;
    private double _cachedGaussian;

    /// <summary>The next 32 raw bits of the core generator.</summary>
    public abstract uint NextUInt32();

    /// <summary>Uniform on [0, 1) with 53 random bits: <c>((a &gt;&gt; 5) * 2^26 + (b &gt;&gt; 6)) / 2^53</c>.</summary>
    public double NextDouble()
    {
        uint a = NextUInt32() >> 5;
        uint b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>
    /// Standard normal by the Marsaglia polar method, which yields two values per accepted pair: the second is
    /// cached and returned by the next call, as NumPy's legacy <c>randn</c> does.
    /// </summary>
    public double NextGaussian()
    {
        if (_hasCachedGaussian)
        {
            _hasCachedGaussian = false;
            return _cachedGaussian;
        }

        double x1, x2, r2;
        do
        {
            x1 = 2.0 * NextDouble() - 1.0;
            x2 = 2.0 * NextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        }
        while (r2 >= 1.0 || r2 == 0.0);

        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _cachedGaussian = f * x1;
        _hasCachedGaussian = true;
        return f * x2;
    }

    /// <summary>Uniform integer in [0, max] by masked rejection, as NumPy's legacy bounded draws do.</summary>
    public uint NextBounded(uint max)
    {
        if (max == 0)
        {
            return 0;
        }

        uint mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        uint value;
        while ((value = NextUInt32() & mask) > max)
        {
        }

        return value;
    }

    /// <summary>
    /// Fills with <see cref="NextDouble"/> in order (row-major for a matrix, like <c>rand(rows, cols)</c>); a subclass
    /// may draw the same numbers faster.
    /// </summary>
    public virtual void FillUniform(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = NextDouble();
        }
    }

    /// <summary>Fills with <see cref="NextGaussian"/> in order (row-major, like <c>randn(rows, cols)</c>).</summary>
    public void FillGaussian(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = NextGaussian();
        }
    }

    /// <summary>
    /// An inverted-dropout mask: <c>mask[i] = (u_i &lt; keepProb) ? scale : 0</c> for uniforms u_i. The base class
    /// draws u_i with <see cref="NextDouble"/>, as NumPy's <c>rand(...) &lt; keep_prob</c> does.
    /// </summary>
    public virtual void FillKeepMask(Span<double> mask, double keepProb, double scale)
    {
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = NextDouble() < keepProb ? scale : 0.0;
        }
    }

    /// <summary>Shuffles in place by Fisher-Yates from the end, the order NumPy's legacy <c>shuffle</c> uses.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = (int)NextBounded((uint)i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A random ordering of 0..n-1, like NumPy's legacy <c>permutation(n)</c>.</summary>
    public int[] Permutation(int n)
    {
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Shuffle<int>(order);
        return order;
    }
}
