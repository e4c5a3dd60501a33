using MathNet.Numerics.Random;

namespace Sweep.Search.Sampling;

/// <summary>
/// The random source for one (seed, configuration index, purpose), and nothing else: configuration i comes out the
/// same whatever order configurations are asked in, on any machine, in any run.
/// </summary>
public static class DrawSource
{
    /// <summary>
    /// Mixes the three keys with SplitMix64 (Steele, Lea and Flood 2014) and seeds MathNet's xoshiro256** with the
    /// result. MathNet takes a 32-bit seed, so the 64-bit mix is folded; two configurations share a stream with
    /// probability about 2^-32, which only costs a repeated draw.
    /// </summary>
    public static Random For(ulong seed, int index, DrawPurpose purpose)
    {
        ulong mixed = SplitMix64(seed);
        mixed = SplitMix64(mixed ^ (ulong)(uint)index);
        mixed = SplitMix64(mixed ^ (ulong)purpose);
        return new Xoshiro256StarStar((int)(uint)(mixed ^ (mixed >> 32)), threadSafe: false);
    }

    private static ulong SplitMix64(ulong state)
    {
        ulong z = state + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
