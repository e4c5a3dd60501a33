namespace Sweep.Training.Random;

/// <summary>
/// NumPy's legacy <c>np.random.seed(s)</c> / <c>RandomState(s)</c>: MT19937 seeded with <c>init_genrand(s)</c>.
/// Combined with <see cref="RandomSource"/>'s derivations it reproduces <c>rand</c>, <c>randn</c> and
/// <c>permutation</c> bit for bit, which is what the course's published numbers need.
/// </summary>
public sealed class NumpyRandomState : RandomSource
{
    private const int StateLength = 624;
    private const int Shift = 397;
    private const uint MatrixA = 0x9908b0dfU;
    private const uint UpperMask = 0x80000000U;
    private const uint LowerMask = 0x7fffffffU;

    private readonly uint[] _state = new uint[StateLength];
    private int _position;

    public NumpyRandomState(uint seed)
    {
        _state[0] = seed;
        for (int i = 1; i < StateLength; i++)
        {
            uint previous = _state[i - 1];
            _state[i] = 1812433253U * (previous ^ (previous >> 30)) + (uint)i;
        }

        _position = StateLength;
    }

    public override uint NextUInt32()
    {
        if (_position >= StateLength)
        {
            Twist();
        }

        uint y = _state[_position++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680U;
        y ^= (y << 15) & 0xefc60000U;
        y ^= y >> 18;
        return y;
    }

    /// <summary>
    /// Regenerates the 624 words in place (Matsumoto and Nishimura's recurrence), in three runs so that no index
    /// needs a modulo: word i mixes words i, i+1 and i+397, wrapping around the end of the state.
    /// </summary>
    private void Twist()
    {
        uint[] mt = _state;
        int i = 0;
        for (; i < StateLength - Shift; i++)
        {
            mt[i] = Mix(mt[i], mt[i + 1], mt[i + Shift]);
        }

        for (; i < StateLength - 1; i++)
        {
            mt[i] = Mix(mt[i], mt[i + 1], mt[i + Shift - StateLength]);
        }

        mt[StateLength - 1] = Mix(mt[StateLength - 1], mt[0], mt[Shift - 1]);
        _position = 0;
    }

    private static uint Mix(uint current, uint next, uint shifted)
    {
        uint y = (current & UpperMask) | (next & LowerMask);
        uint mixed = shifted ^ (y >> 1);
        return (y & 1) == 0 ? mixed : mixed ^ MatrixA;
    }
}
