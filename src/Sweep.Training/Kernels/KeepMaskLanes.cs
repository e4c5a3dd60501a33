using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sweep.Training.Kernels;

/// <summary>
/// Eight independent xoshiro256** streams (Blackman and Vigna, 2018) advanced together in one
/// <see cref="Vector512{T}"/>, which turn into dropout masks fast enough to draw fresh masks every iteration.
/// Each 64-bit output gives four 16-bit uniforms u; an element is kept when <c>u &lt; round(keep_prob * 2^16)</c>.
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

    /// <summary>
    /// <c>mask[i] = u_i &lt; round(keepProb * 2^16) ? scale : 0</c> for 16-bit uniforms u_i, four from each lane's
    /// 64-bit output: keep_prob is honoured to 1/65536, and the generator runs a quarter as often as there are elements.
    /// </summary>
    public void Fill(Span<double> mask, double keepProb, double scale)
    {
        // u < t exactly when u, moved to the top 16 bits of its lane, is at most t - 1 moved there (with every bit
        // below set, whatever the lower fields hold): one shift per field instead of a shift, a mask and a
        // subtraction. t = 0 (keep_prob below 2^-17) keeps nothing, through a zero "kept" value.
        ulong keepBelow = (ulong)Math.Round(keepProb * 65536.0);
        var limit = Vector512.Create(keepBelow == 0 ? 0UL : ((keepBelow - 1) << 48) | 0xFFFF_FFFF_FFFFUL);
        var kept = Vector512.Create(keepBelow == 0 ? 0.0 : scale);
        ref double target = ref MemoryMarshal.GetReference(mask);
        int length = mask.Length;

        // The state lives in registers for the whole fill, not in fields, so that each step is a dozen register ops;
        // the loop makes no call, so nothing forces the registers out to the stack.
        Vector512<ulong> s0 = _s0, s1 = _s1, s2 = _s2, s3 = _s3;
        int i = 0;
        for (; i <= length - 32; i += 32)
        {
            Vector512<ulong> bits = Next(ref s0, ref s1, ref s2, ref s3);
            Keep(bits << 48, limit, kept).StoreUnsafe(ref target, (nuint)i);
            Keep(bits << 32, limit, kept).StoreUnsafe(ref target, (nuint)(i + 8));
            Keep(bits << 16, limit, kept).StoreUnsafe(ref target, (nuint)(i + 16));
            Keep(bits, limit, kept).StoreUnsafe(ref target, (nuint)(i + 24));
        }

        if (i < length)
        {
            // The tail takes the leading uniforms of one more draw, in the same order as a full block.
            Vector512<ulong> bits = Next(ref s0, ref s1, ref s2, ref s3);
            Span<double> block = stackalloc double[32];
            Keep(bits << 48, limit, kept).CopyTo(block);
            Keep(bits << 32, limit, kept).CopyTo(block[8..]);
            Keep(bits << 16, limit, kept).CopyTo(block[16..]);
            Keep(bits, limit, kept).CopyTo(block[24..]);
            block[..(length - i)].CopyTo(mask[i..]);
        }

        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>
    /// One xoshiro256** step in every lane: returns <c>rotl(s1 * 5, 7) * 9</c> (the products as shifts and adds) and
    /// advances the state.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Next(ref Vector512<ulong> s0, ref Vector512<ulong> s1, ref Vector512<ulong> s2, ref Vector512<ulong> s3)
    {
        Vector512<ulong> times5 = (s1 << 2) + s1;
        Vector512<ulong> rotated = RotateLeft(times5, 7);
        Vector512<ulong> result = (rotated << 3) + rotated;
        Vector512<ulong> t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary><c>kept</c> in the lanes of <paramref name="field"/> that are at most <paramref name="limit"/>, zero elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Keep(Vector512<ulong> field, Vector512<ulong> limit, Vector512<double> kept) =>
        Vector512.ConditionalSelect(Vector512.LessThanOrEqual(field, limit).AsDouble(), kept, Vector512<double>.Zero);

    /// <summary>One instruction where AVX-512 has it, two shifts and an or elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> RotateLeft(Vector512<ulong> value, [ConstantExpected(Min = 1, Max = 63)] byte count) =>
        Avx512F.IsSupported ? Avx512F.RotateLeft(value, count) : (value << count) | (value >>> (64 - count));

    private static Vector512<ulong> Draw(Func<ulong> seedBits) =>
        Vector512.Create(seedBits(), seedBits(), seedBits(), seedBits(), seedBits(), seedBits(), seedBits(), seedBits());
}
