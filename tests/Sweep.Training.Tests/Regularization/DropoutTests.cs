using Sweep.Training.Activations;
using Sweep.Training.Losses;
using Sweep.Training.Networks;
using Sweep.Training.Random;
using Sweep.Training.Regularization;

namespace Sweep.Training.Tests.Regularization;

public class DropoutTests
{
    private static readonly NetworkArchitecture Architecture = new([2, 20, 3, 1], new Relu(), new SigmoidCrossEntropy());

    [Fact]
    public void Numpy_masks_are_the_course_rand_draws_compared_with_keep_prob()
    {
        var propagation = new Propagation(Architecture, 211, withDropout: true);
        new Dropout(Architecture, 0.86, DropoutMaskMode.Fixed, new NumpyRandomState(1)).Prepare(propagation, 211);

        var reference = new NumpyRandomState(1);
        double[] expected = Enumerable.Range(0, 20 * 211 + 3 * 211).Select(_ => reference.NextDouble() < 0.86 ? 1 / 0.86 : 0.0).ToArray();

        double[] actual = [.. propagation.Mask(1, 211).ToArray(), .. propagation.Mask(2, 211).ToArray()];
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(15, 0.86)]
    [InlineData(17, 0.3)]
    [InlineData(4221, 0.86)]
    [InlineData(100_003, 0.95)]
    public void Fast_masks_hold_only_0_or_the_inverse_keep_prob_in_the_right_proportion(int length, double keepProb)
    {
        var mask = new double[length];
        new Xoshiro256StarStar(9).FillKeepMask(mask, keepProb, 1 / keepProb);

        Assert.All(mask, m => Assert.True(m == 0 || m == 1 / keepProb, $"mask value {m}"));
        if (length > 1000)
        {
            double kept = mask.Count(m => m != 0) / (double)length;
            Assert.InRange(kept, keepProb - 4 * Math.Sqrt(keepProb * (1 - keepProb) / length), keepProb + 4 * Math.Sqrt(keepProb * (1 - keepProb) / length));
        }
    }

    [Theory]
    [InlineData(0.999995, 1.0)]
    [InlineData(0.999, 0.999)]
    [InlineData(0.000001, 0.0)]
    public void Fast_masks_at_the_ends_of_the_16_bit_resolution_keep_all_or_none(double keepProb, double expectedShare)
    {
        // keep_prob rounds to a multiple of 2^-16: 65536/65536 keeps every unit, 0/65536 none.
        var mask = new double[50_000];
        new Xoshiro256StarStar(2).FillKeepMask(mask, keepProb, 1 / keepProb);

        Assert.Equal(expectedShare, mask.Count(m => m != 0) / (double)mask.Length, 0.001);
    }

    [Fact]
    public void Fast_masks_repeat_for_a_seed_and_change_from_draw_to_draw()
    {
        var first = new double[1000];
        var again = new double[1000];
        var next = new double[1000];
        var random = new Xoshiro256StarStar(4);
        random.FillKeepMask(first, 0.5, 2);
        random.FillKeepMask(next, 0.5, 2);
        new Xoshiro256StarStar(4).FillKeepMask(again, 0.5, 2);

        Assert.Equal(first, again);
        Assert.NotEqual(first, next);
    }

    [Fact]
    public void A_backward_pass_under_dropout_needs_masks_drawn_by_dropout()
    {
        // The ReLU backward step takes the kept value 1/keep_prob from Dropout rather than reading the masks again.
        var propagation = new Propagation(Architecture, 5, withDropout: true);
        double[] parameters = new double[Architecture.ParameterCount];
        double[] features = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
        double[] labels = [0, 1, 0, 1, 1];
        propagation.Forward(parameters, features, 5, dropout: true);

        Assert.Throws<InvalidOperationException>(() => propagation.Backward(parameters, features, labels, 5, 0, dropout: true, new double[Architecture.ParameterCount]));

        new Dropout(Architecture, 0.5, DropoutMaskMode.Fresh, new Xoshiro256StarStar(1)).Prepare(propagation, 5);
        propagation.Forward(parameters, features, 5, dropout: true);
        propagation.Backward(parameters, features, labels, 5, 0, dropout: true, new double[Architecture.ParameterCount]);
    }

    [Theory]
    [InlineData(DropoutMaskMode.Fixed, true)]
    [InlineData(DropoutMaskMode.Fresh, false)]
    public void Fixed_masks_are_drawn_once_and_fresh_masks_every_time(DropoutMaskMode mode, bool same)
    {
        var propagation = new Propagation(Architecture, 50, withDropout: true);
        var dropout = new Dropout(Architecture, 0.7, mode, new Xoshiro256StarStar(2));

        dropout.Prepare(propagation, 50);
        double[] before = propagation.Mask(1, 50).ToArray();
        dropout.Prepare(propagation, 50);

        Assert.Equal(same, before.SequenceEqual(propagation.Mask(1, 50).ToArray()));
    }
}
