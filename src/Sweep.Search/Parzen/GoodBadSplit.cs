namespace Sweep.Search.Parzen;

/// <summary>
/// Splits observations into the good group that l(x) models and the bad group that g(x) models (Watanabe 2023,
/// section 3.1). The good group is the gamma(n) = min(ceil(0.1 n), 25) lowest losses, Optuna's <c>default_gamma</c>;
/// failed outcomes rank below every loss, so they always fall in the bad group. Ties go to the older configuration.
/// </summary>
internal static class GoodBadSplit
{
    private const int MostGood = 25;

    /// <summary>The indices of the good and the bad observations, each in increasing order.</summary>
    /// <param name="losses">Outcome of configuration j at position j; null for a failure.</param>
    public static (int[] Good, int[] Bad) Split(IReadOnlyList<double?> losses)
    {
        var completed = new List<int>(losses.Count);
        for (int j = 0; j < losses.Count; j++)
        {
            if (losses[j] is not null)
            {
                completed.Add(j);
            }
        }

        int goodCount = Math.Min(Gamma(losses.Count), completed.Count);
        completed.Sort((x, y) =>
        {
            int byLoss = losses[x]!.Value.CompareTo(losses[y]!.Value);
            return byLoss != 0 ? byLoss : x.CompareTo(y);
        });
        var good = new int[goodCount];
        completed.CopyTo(0, good, 0, goodCount);
        Array.Sort(good);

        var isGood = new bool[losses.Count];
        foreach (int j in good)
        {
            isGood[j] = true;
        }

        var bad = new int[losses.Count - goodCount];
        int next = 0;
        for (int j = 0; j < losses.Count; j++)
        {
            if (!isGood[j])
            {
                bad[next++] = j;
            }
        }

        return (good, bad);
    }

    public static int Gamma(int count) => Math.Min((int)Math.Ceiling(0.1 * count), MostGood);
}
