using Sweep.Training.Kernels;

namespace Sweep.Training.Random;

/// <summary>
/// xoshiro256** (Blackman and Vigna, 2018) seeded through SplitMix64: a small, fast generator whose streams for
/// nearby seeds are independent, for users who do not need NumPy's exact numbers.
/// </summary>
public sealed class Xoshiro256StarStar : RandomSource
{
    private ulong _s0, _s1, _s2, _s3;
    private ulong _buffered;
    private bool _hasBuffered;
    private KeepMaskLanes? _maskLanes;

    public Xoshiro256StarStar(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    public override uint NextUInt32()
    {
        if (_hasBuffered)
        {
            _hasBuffered = false;
            return (uint)(_buffered >> 32);
        }

        _buffered = NextUInt64();
        _hasBuffered = true;
        return (uint)_buffered;
    }

    /// <summary>
    /// Draws masks from eight vector lanes seeded from this stream on first use (a 16-bit uniform per element), fast
    /// enough for fresh masks at every iteration; the scalar stream continues independently.
    /// </summary>
    public override void FillKeepMask(Span<double> mask, double keepProb, double scale)
    {
        _maskLanes ??= new KeepMaskLanes(NextUInt64);
        _maskLanes.Fill(mask, keepProb, scale);
    }

    private ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9e3779b97f4a7c15UL;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        return z ^ (z >> 31);
    }
}
