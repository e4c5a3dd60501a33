using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
        var threshold = Vector512.Create((ulong)Math.Round(keepProb * 65536.0));
        var kept = Vector512.Create(scale).AsUInt64();
        var field = Vector512.Create(0xFFFFUL);
        ref double target = ref MemoryMarshal.GetReference(mask);
        int length = mask.Length;

        // The state lives in registers for the whole fill, not in fields, so that each step is a dozen register ops.
        Vector512<ulong> s0 = _s0, s1 = _s1, s2 = _s2, s3 = _s3;
        Span<double> block = stackalloc double[32];
        for (int i = 0; i < length; i += 32)
        {
            // result = rotl(s1 * 5, 7) * 9, with the products as shifts and adds; then the xoshiro256 state step.
            Vector512<ulong> times5 = (s1 << 2) + s1;
            Vector512<ulong> rotated = (times5 << 7) | (times5 >>> 57);
            Vector512<ulong> bits = (rotated << 3) + rotated;
            Vector512<ulong> t = s1 << 17;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = (s3 << 45) | (s3 >>> 19);

            // u < threshold exactly when u - threshold is negative: its sign bit, spread by an arithmetic shift, is
            // the select mask (cheaper than a compare into a mask register and back).
            Vector512<ulong> q0 = Below(bits & field, threshold) & kept;
            Vector512<ulong> q1 = Below((bits >>> 16) & field, threshold) & kept;
            Vector512<ulong> q2 = Below((bits >>> 32) & field, threshold) & kept;
            Vector512<ulong> q3 = Below(bits >>> 48, threshold) & kept;
            if (i <= length - 32)
            {
                q0.AsDouble().StoreUnsafe(ref target, (nuint)i);
                q1.AsDouble().StoreUnsafe(ref target, (nuint)(i + 8));
                q2.AsDouble().StoreUnsafe(ref target, (nuint)(i + 16));
                q3.AsDouble().StoreUnsafe(ref target, (nuint)(i + 24));
            }
            else
            {
                // The tail takes the leading uniforms of one more draw, in the same order as a full block.
                q0.AsDouble().CopyTo(block);
                q1.AsDouble().CopyTo(block[8..]);
                q2.AsDouble().CopyTo(block[16..]);
                q3.AsDouble().CopyTo(block[24..]);
                block[..(length - i)].CopyTo(mask[i..]);
            }
        }

        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>All ones in the lanes where <c>u &lt; threshold</c> (both below 2^17), zero elsewhere.</summary>
    private static Vector512<ulong> Below(Vector512<ulong> u, Vector512<ulong> threshold) =>
        Vector512.ShiftRightArithmetic((u - threshold).AsInt64(), 63).AsUInt64();

    private static Vector512<ulong> Draw(Func<ulong> seedBits) =>
        Vector512.Create(seedBits(), seedBits(), seedBits(), seedBits(), seedBits(), seedBits(), seedBits(), seedBits());
}
