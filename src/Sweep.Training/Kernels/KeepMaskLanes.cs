using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sweep.Training.Kernels;

/// <summary>
/// Eight independent xoshiro256** streams (Blackman and Vigna, 2018) advanced together in one
/// <see cref="Vector512{T}"/>, which turn into dropout masks fast enough to draw fresh masks every iteration.
/// Each 64-bit output gives two 32-bit uniforms u; an element is kept when <c>u &lt; round(keep_prob * 2^32)</c>.
/// The lanes are written as 512-bit vectors on every machine (emulated in software where AVX-512 is missing), so a
/// seed gives the same masks everywhere.
/// </summary>
internal sealed class KeepMaskLanes
{
    private Vector512<ulong> _s0, _s1, _s2, _s3;

    /// <summary>Seeds the lanes from 32 draws of <paramref name="seedBits"/>.</summary>
    public KeepMaskLanes(Func<ulong> seedBits)
    {
        _s0 = Draw(seedBits);
        _s1 = Draw(seedBits);
        _s2 = Draw(seedBits);
        _s3 = Draw(seedBits);
    }

    /// <summary><c>mask[i] = u_i &lt; round(keepProb * 2^32) ? scale : 0</c>, the u_i drawn from the lanes in order.</summary>
    public void Fill(Span<double> mask, double keepProb, double scale)
    {
        var threshold = Vector512.Create((ulong)Math.Round(keepProb * 4294967296.0));
        var kept = Vector512.Create(scale).AsUInt64();
        var low = Vector512.Create(0xFFFF_FFFFUL);
        ref double target = ref MemoryMarshal.GetReference(mask);
        int length = mask.Length;
        int i = 0;
        for (; i <= length - 16; i += 16)
        {
            Vector512<ulong> bits = Next();
            (Vector512.LessThan(bits & low, threshold) & kept).AsDouble().StoreUnsafe(ref target, (nuint)i);
            (Vector512.LessThan(bits >>> 32, threshold) & kept).AsDouble().StoreUnsafe(ref target, (nuint)(i + 8));
        }

        if (i < length)
        {
            // The tail takes the leading uniforms of one more draw, in the same lane order as a full block.
            Span<double> block = stackalloc double[16];
            Vector512<ulong> bits = Next();
            (Vector512.LessThan(bits & low, threshold) & kept).AsDouble().CopyTo(block);
            (Vector512.LessThan(bits >>> 32, threshold) & kept).AsDouble().CopyTo(block[8..]);
            block[..(length - i)].CopyTo(mask[i..]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector512<ulong> Next()
    {
        // result = rotl(s1 * 5, 7) * 9, with the products as shifts and adds.
        Vector512<ulong> times5 = (_s1 << 2) + _s1;
        Vector512<ulong> rotated = (times5 << 7) | (times5 >>> 57);
        Vector512<ulong> result = (rotated << 3) + rotated;
        Vector512<ulong> t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = (_s3 << 45) | (_s3 >>> 19);
        return result;
    }

    private static Vector512<ulong> Draw(Func<ulong> seedBits) =>
        Vector512.Create(seedBits(), seedBits(), seedBits(), seedBits(), seedBits(), seedBits(), seedBits(), seedBits());
}
