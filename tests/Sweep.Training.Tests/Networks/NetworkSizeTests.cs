using Sweep.Training.Activations;
using Sweep.Training.Losses;
using Sweep.Training.Networks;

namespace Sweep.Training.Tests.Networks;

public sealed class NetworkSizeTests
{
    [Fact]
    public void Parameters_are_counted_in_64_bits()
    {
        // 2 -> 65536 -> 65536 -> 1: W2 alone is 2^32 weights, which wrapped to 0 in 32-bit arithmetic.
        Assert.Equal(4_295_294_977L, NetworkArchitecture.CountParameters([2, 65536, 65536, 1]));
    }

    [Fact]
    public void A_network_beyond_one_dotnet_array_is_refused_instead_of_wrapping_to_a_small_one()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new NetworkArchitecture([2, 65536, 65536, 1], ActivationRegistry.Create("relu"), OutputLayerRegistry.Create("sigmoid")));

        Assert.StartsWith("[2,65536,65536,1] has 4295294977 parameters, more than one .NET array holds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Absurd_sizes_saturate_rather_than_overflow()
    {
        Assert.Equal(long.MaxValue, NetworkArchitecture.CountParameters([int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue]));
    }
}
