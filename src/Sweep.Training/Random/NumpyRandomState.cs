using Sweep.Training.Kernels;

namespace Sweep.Training.Random;

/// <summary>
/// NumPy's legacy <c>np.random.seed(s)</c> / <c>RandomState(s)</c>: MT19937 seeded with <c>init_genrand(s)</c>.
/// Combined with <see cref="RandomSource"/>'s derivations it reproduces <c>rand</c>, <c>randn</c> and
/// <c>permutation</c> bit for bit, which is what the course's published numbers need.
/// </summary>
/// <remarks>
/// The generator renews its 624 words a block at a time over vector lanes and keeps the block's tempered outputs
/// (<see cref="MersenneTwisterLanes"/>), so that single draws read one word and bulk draws (<see cref="FillUniform"/>,
/// <see cref="FillKeepMask"/>) turn whole runs of a block into doubles at once. Both advance the same position in the
/// block, so they interleave as NumPy's own calls do.
/// </remarks>
public sealed class NumpyRandomState : RandomSource
{
    private const int StateLength = MersenneTwisterLanes.StateLength;

    private readonly uint[] _state = new uint[StateLength];
    private readonly uint[] _tempered = new uint[StateLength];
    private readonly LaneWidth _width;
    private int _position;

    public NumpyRandomState(uint seed)
        : this(seed, MersenneTwisterLanes.Best)
    {
    }

    /// <summary>A generator on the given lanes, so that tests can compare every width with the scalar one.</summary>
    internal NumpyRandomState(uint seed, LaneWidth width)
    {
        _width = width;
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
            NextBlock();
        }

        return _tempered[_position++];
    }

    /// <summary>The same doubles as <see cref="RandomSource.NextDouble"/> in a row, a block's words at a time.</summary>
    public override void FillUniform(Span<double> destination)
    {
        int done = 0;
        while (done < destination.Length)
        {
            int pairs = NextPairs(destination.Length - done);
            if (pairs == 0)
            {
                destination[done++] = NextDouble();
                continue;
            }

            MersenneTwisterLanes.Uniform(_tempered.AsSpan(_position, 2 * pairs), destination.Slice(done, pairs), _width);
            _position += 2 * pairs;
            done += pairs;
        }
    }

    /// <summary>
    /// <c>mask[i] = rand() &lt; keepProb ? scale : 0</c>, exactly NumPy's <c>rand(...) &lt; keep_prob</c>, a block's
    /// words at a time.
    /// </summary>
    public override void FillKeepMask(Span<double> mask, double keepProb, double scale)
    {
        int done = 0;
        while (done < mask.Length)
        {
            int pairs = NextPairs(mask.Length - done);
            if (pairs == 0)
            {
                mask[done++] = NextDouble() < keepProb ? scale : 0.0;
                continue;
            }

            MersenneTwisterLanes.KeepMask(_tempered.AsSpan(_position, 2 * pairs), mask.Slice(done, pairs), keepProb, scale, _width);
            _position += 2 * pairs;
            done += pairs;
        }
    }

    /// <summary>
    /// How many of the wanted pairs of words the current block still holds, after renewing a used-up block; zero when
    /// one word is left, whose pair straddles into the next block (only after an odd number of single words).
    /// </summary>
    private int NextPairs(int wanted)
    {
        if (_position >= StateLength)
        {
            NextBlock();
        }

        return Math.Min(wanted, (StateLength - _position) / 2);
    }

    private void NextBlock()
    {
        MersenneTwisterLanes.NextBlock(_state, _tempered, _width);
        _position = 0;
    }
}
