namespace Sweep.Search.Parzen;

/// <summary>
/// Optuna's <c>default_weights</c>: with fewer than 25 observations all weigh the same; beyond that the 25 newest
/// weigh 1 and the older ones ramp linearly from 1/n up, so a long search forgets its beginning gradually.
/// Observations are ordered by configuration index, oldest first.
/// </summary>
internal static class ObservationWeights
{
    private const int FlatNewest = 25;

    public static double[] For(int count)
    {
        var weights = new double[count];
        Array.Fill(weights, 1.0);
        int ramp = count - FlatNewest;
        if (ramp <= 0)
        {
            return weights;
        }

        // numpy.linspace(1/n, 1, ramp): ramp points from 1/n to 1 inclusive, a single point being the start.
        double start = 1.0 / count;
        double step = ramp == 1 ? 0 : (1.0 - start) / (ramp - 1);
        for (int i = 0; i < ramp; i++)
        {
            weights[i] = start + (i * step);
        }

        return weights;
    }
}
