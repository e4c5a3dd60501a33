using Sweep.Search.Parzen;

namespace Sweep.Search.Tests.Parzen;

public class ObservationWeightsTests
{
    [Fact]
    public void Up_to_25_observations_weigh_the_same()
    {
        Assert.Empty(ObservationWeights.For(0));
        Assert.All(ObservationWeights.For(25), w => Assert.Equal(1.0, w));
    }

    [Fact]
    public void Older_observations_beyond_the_newest_25_ramp_up_from_one_over_n()
    {
        double[] weights = ObservationWeights.For(30);

        // numpy.linspace(1/30, 1, 5) then 25 ones, as Optuna's default_weights(30).
        double[] ramp = [1 / 30.0, (1 / 30.0) + (29 / 120.0), (1 / 30.0) + (58 / 120.0), (1 / 30.0) + (87 / 120.0), 1.0];
        Assert.Equal(ramp, weights[..5], (x, y) => Math.Abs(x - y) < 1e-12);
        Assert.All(weights[5..], w => Assert.Equal(1.0, w));
        Assert.Equal(1 / 26.0, ObservationWeights.For(26)[0], 1e-15);
    }
}
