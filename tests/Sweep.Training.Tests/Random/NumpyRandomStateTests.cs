using Sweep.Training.Activations;
using Sweep.Training.Initializers;
using Sweep.Training.Losses;
using Sweep.Training.Networks;
using Sweep.Training.Random;

namespace Sweep.Training.Tests.Random;

// The vectors are NumPy's own output, published in the course reference.
public class NumpyRandomStateTests
{
    [Fact]
    public void Randn_after_seed_3_reproduces_numpy_bit_for_bit()
    {
        double[] expected =
        [
            1.7886284734303186, 0.43650985051198943, 0.09649746807200862, -1.8634927033644908,
            -0.27738820251439905, -0.35475897926898675, -0.08274148148245977, -0.6270006768238473,
            -0.04381816897592824, -0.47721803035950267,
        ];
        var random = new NumpyRandomState(3);

        double[] actual = expected.Select(_ => random.NextGaussian()).ToArray();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Rand_after_seed_1_reproduces_numpy_bit_for_bit()
    {
        double[] expected =
        [
            0.417022004702574, 0.7203244934421581, 0.00011437481734488664, 0.30233257263183977,
            0.14675589081711304, 0.0923385947687978, 0.1862602113776709, 0.34556072704304774,
            0.39676747423066994, 0.538816734003357,
        ];
        var random = new NumpyRandomState(1);

        double[] actual = expected.Select(_ => random.NextDouble()).ToArray();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void He_initialization_of_2_4_1_with_seed_3_reproduces_the_course_weights()
    {
        var architecture = new NetworkArchitecture([2, 4, 1], new Relu(), new SigmoidCrossEntropy());

        double[] parameters = ParameterInitialization.Create(architecture, new HeNormal(), new NumpyRandomState(3));

        Assert.Equal(
            [1.7886284734303186, 0.43650985051198943, 0.09649746807200862, -1.8634927033644908,
             -0.27738820251439905, -0.35475897926898675, -0.08274148148245977, -0.6270006768238473],
            architecture.Weights(parameters, 1).ToArray());
        Assert.Equal(
            [-0.030984124422056857, -0.33744410537169206, -0.9290426766647434, 0.6255224840406426],
            architecture.Weights(parameters, 2).ToArray());
        Assert.All(architecture.Biases(parameters, 1).ToArray(), b => Assert.Equal(0.0, b));
    }

    [Fact]
    public void The_same_seed_gives_the_same_stream_and_another_seed_another()
    {
        foreach (RandomKind kind in Enum.GetValues<RandomKind>())
        {
            double[] first = Draw(RandomSources.Create(kind, 42));
            double[] again = Draw(RandomSources.Create(kind, 42));
            double[] other = Draw(RandomSources.Create(kind, 43));

            Assert.Equal(first, again);
            Assert.NotEqual(first, other);
        }

        static double[] Draw(RandomSource random) => Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? random.NextDouble() : random.NextGaussian()).ToArray();
    }

    [Fact]
    public void Permutation_contains_every_index_once()
    {
        int[] order = new NumpyRandomState(7).Permutation(1000);

        Assert.Equal(Enumerable.Range(0, 1000), order.Order());
        Assert.NotEqual(Enumerable.Range(0, 1000), order);
    }

    [Fact]
    public void Uniform_draws_stay_in_the_unit_interval_with_the_right_mean()
    {
        var random = new Xoshiro256StarStar(5);
        double[] draws = Enumerable.Range(0, 100_000).Select(_ => random.NextDouble()).ToArray();

        Assert.All(draws, d => Assert.InRange(d, 0.0, Math.BitDecrement(1.0)));
        Assert.InRange(draws.Average(), 0.495, 0.505);
    }
}
