using System.Globalization;
using System.Text;

namespace Sweep.Training.Tests.Reference;

/// <summary>
/// Array agreement relative to the array's scale: <c>|actual_i - expected_i| &lt;= tolerance * max_i |expected_i|</c>
/// for every i. Element-by-element relative error would demand the impossible of entries that are sums with
/// cancellation (a bias gradient near 0, a ReLU output near 0): their rounding error is relative to the size of the
/// terms, which the largest entry of the array bounds. An all-zero expected array demands an all-zero actual one.
/// </summary>
internal static class ReferenceComparison
{
    public const double Tolerance = 1e-12;

    public static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string what, double tolerance = Tolerance)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: the reference has {expected.Length} values, the engine {actual.Length}");
        double scale = 0.0;
        foreach (double value in expected)
        {
            Assert.True(double.IsFinite(value), $"{what}: the reference holds a non-finite value {value}");
            scale = Math.Max(scale, Math.Abs(value));
        }

        double allowed = tolerance * scale;
        int worst = -1;
        double worstError = 0.0;
        int failures = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            if (!(error <= allowed))
            {
                failures++;
                if (worst < 0 || !(error <= worstError))
                {
                    worst = i;
                    worstError = error;
                }
            }
        }

        if (failures > 0)
        {
            var message = new StringBuilder();
            message.Append(CultureInfo.InvariantCulture, $"{what}: {failures} of {expected.Length} values differ by more than {tolerance:R} x {scale:R}; ");
            message.Append(CultureInfo.InvariantCulture, $"worst at [{worst}]: engine {actual[worst]:R}, reference {expected[worst]:R}, |difference| {worstError:R}");
            Assert.Fail(message.ToString());
        }
    }
}
