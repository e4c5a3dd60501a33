using Sweep.Training.Kernels;
using Sweep.Training.Random;

namespace Sweep.Training.Tests.Random;

// The bulk draws (FillUniform, FillKeepMask) on every lane width against the plain one-word-at-a-time MT19937: the
// same numbers in the same order, however they are split and interleaved with single draws.
public class NumpyBulkDrawTests
{
    // Lane widths in bits (LaneWidth is internal): 0 is the scalar fallback.
    public static TheoryData<int> Widths => new() { 0, 128, 256, 512 };

    private static readonly int[] Lengths = [0, 1, 2, 7, 311, 312, 313, 623, 624, 625, 1247, 5000];

    private static readonly int[] WordsBefore = [0, 1, 2, 3, 311, 622, 623, 624, 625, 1247, 1248];

    [Theory]
    [MemberData(nameof(Widths))]
    public void Each_block_of_words_is_the_plain_generators(int bits)
    {
        foreach (uint seed in new uint[] { 0, 1, 3, 5489, uint.MaxValue })
        {
            var random = new NumpyRandomState(seed, (LaneWidth)bits);
            var reference = new ReferenceMersenneTwister(seed);

            for (int i = 0; i < 5 * 624 + 17; i++)
            {
                Assert.Equal(reference.NextUInt32(), random.NextUInt32());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Fill_uniform_continues_the_stream_after_any_number_of_single_words(int bits)
    {
        foreach (int before in WordsBefore)
        {
            foreach (int length in Lengths)
            {
                var random = new NumpyRandomState(7, (LaneWidth)bits);
                var reference = new ReferenceMersenneTwister(7);
                for (int i = 0; i < before; i++)
                {
                    Assert.Equal(reference.NextUInt32(), random.NextUInt32());
                }

                var actual = new double[length];
                random.FillUniform(actual);

                double[] expected = Enumerable.Range(0, length).Select(_ => reference.NextDouble()).ToArray();
                Assert.Equal(expected, actual);
                Assert.Equal(reference.NextDouble(), random.NextDouble());
                Assert.Equal(reference.NextUInt32(), random.NextUInt32());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Fill_keep_mask_is_rand_below_keep_prob_after_any_number_of_single_words(int bits)
    {
        foreach (int before in WordsBefore)
        {
            foreach (int length in Lengths)
            {
                foreach (double keepProb in new[] { 0.86, 0.5, 0.0, 1.0, 1e-300, -0.5, 1.5, double.NaN })
                {
                    var random = new NumpyRandomState(11, (LaneWidth)bits);
                    var reference = new ReferenceMersenneTwister(11);
                    for (int i = 0; i < before; i++)
                    {
                        Assert.Equal(reference.NextUInt32(), random.NextUInt32());
                    }

                    var actual = new double[length];
                    random.FillKeepMask(actual, keepProb, 1 / 0.86);

                    double[] expected = Enumerable.Range(0, length).Select(_ => reference.NextDouble() < keepProb ? 1 / 0.86 : 0.0).ToArray();
                    Assert.Equal(expected, actual);
                    Assert.Equal(reference.NextUInt32(), random.NextUInt32());
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void A_keep_prob_equal_to_a_drawn_uniform_drops_that_element_and_keeps_the_one_just_below(int bits)
    {
        double[] uniforms = new double[1000];
        var reference = new ReferenceMersenneTwister(5);
        for (int i = 0; i < uniforms.Length; i++)
        {
            uniforms[i] = reference.NextDouble();
        }

        foreach (int pick in new[] { 0, 1, 17, 311, 312, 999 })
        {
            double keepProb = uniforms[pick];
            var mask = new double[uniforms.Length];

            new NumpyRandomState(5, (LaneWidth)bits).FillKeepMask(mask, keepProb, 2.0);

            Assert.Equal(0.0, mask[pick]);
            Assert.Equal(uniforms.Select(u => u < keepProb ? 2.0 : 0.0), mask);
            Assert.Equal(
                uniforms.Select(u => u < Math.BitIncrement(keepProb) ? 2.0 : 0.0),
                Fill(mask.Length, Math.BitIncrement(keepProb)));
        }

        double[] Fill(int length, double keepProb)
        {
            var mask = new double[length];
            new NumpyRandomState(5, (LaneWidth)bits).FillKeepMask(mask, keepProb, 2.0);
            return mask;
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Random_interleavings_of_single_and_bulk_draws_give_the_plain_stream(int bits)
    {
        var plan = new System.Random(2024);
        var random = new NumpyRandomState(3, (LaneWidth)bits);
        var reference = new ReferenceMersenneTwister(3);
        for (int step = 0; step < 400; step++)
        {
            switch (plan.Next(4))
            {
                case 0:
                    Assert.Equal(reference.NextUInt32(), random.NextUInt32());
                    break;
                case 1:
                    Assert.Equal(reference.NextDouble(), random.NextDouble());
                    break;
                case 2:
                {
                    var actual = new double[plan.Next(0, 1500)];
                    random.FillUniform(actual);
                    Assert.Equal(actual.Select(_ => reference.NextDouble()), actual);
                    break;
                }

                default:
                {
                    var actual = new double[plan.Next(0, 1500)];
                    random.FillKeepMask(actual, 0.86, 1 / 0.86);
                    Assert.Equal(actual.Select(_ => reference.NextDouble() < 0.86 ? 1 / 0.86 : 0.0), actual);
                    break;
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Bulk_rand_after_seed_1_reproduces_numpy_bit_for_bit(int bits)
    {
        // NumPy's own output, published in the course reference.
        double[] expected =
        [
            0.417022004702574, 0.7203244934421581, 0.00011437481734488664, 0.30233257263183977,
            0.14675589081711304, 0.0923385947687978, 0.1862602113776709, 0.34556072704304774,
            0.39676747423066994, 0.538816734003357,
        ];
        var actual = new double[expected.Length];

        new NumpyRandomState(1, (LaneWidth)bits).FillUniform(actual);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_default_generator_runs_on_the_widest_accelerated_lanes()
    {
        // Not a timing: a guard that the default path is the vector one wherever the hardware has vectors.
        if (System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated)
        {
            Assert.NotEqual(LaneWidth.Scalar, MersenneTwisterLanes.Best);
        }
    }
}
