namespace Sweep.Training.Tests.Random;

/// <summary>
/// The plain MT19937 of Matsumoto and Nishimura's <c>mt19937ar.c</c> (<c>init_genrand</c>, <c>genrand_int32</c>) and
/// NumPy's legacy <c>rand()</c> on top of it, one word at a time: what the vectorized generator must equal bit for bit.
/// </summary>
internal sealed class ReferenceMersenneTwister
{
    private readonly uint[] _mt = new uint[624];
    private int _index = 624;

    public ReferenceMersenneTwister(uint seed)
    {
        _mt[0] = seed;
        for (int i = 1; i < 624; i++)
        {
            _mt[i] = 1812433253U * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i;
        }
    }

    public uint NextUInt32()
    {
        if (_index >= 624)
        {
            for (int k = 0; k < 624; k++)
            {
                uint y = (_mt[k] & 0x80000000U) | (_mt[(k + 1) % 624] & 0x7fffffffU);
                _mt[k] = _mt[(k + 397) % 624] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908b0dfU : 0U);
            }

            _index = 0;
        }

        uint z = _mt[_index++];
        z ^= z >> 11;
        z ^= (z << 7) & 0x9d2c5680U;
        z ^= (z << 15) & 0xefc60000U;
        z ^= z >> 18;
        return z;
    }

    public double NextDouble()
    {
        uint a = NextUInt32() >> 5;
        uint b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }
}
