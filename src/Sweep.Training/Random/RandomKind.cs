namespace Sweep.Training.Random;

/// <summary>Which core generator a trial's random streams use.</summary>
public enum RandomKind
{
    /// <summary>NumPy's legacy RandomState (MT19937): reproduces <c>np.random.seed(s)</c> exactly.</summary>
    Numpy,

    /// <summary>xoshiro256** seeded through SplitMix64.</summary>
    Xoshiro,
}

public static class RandomSources
{
    public static RandomSource Create(RandomKind kind, int seed) => kind switch
    {
        RandomKind.Numpy => new NumpyRandomState(unchecked((uint)seed)),
        RandomKind.Xoshiro => new Xoshiro256StarStar(unchecked((ulong)seed)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown random generator"),
    };

    /// <summary>Parses the names used in sweep files: <c>numpy</c> or <c>xoshiro</c>.</summary>
    public static RandomKind Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "numpy" => RandomKind.Numpy,
        "xoshiro" => RandomKind.Xoshiro,
        _ => throw new ArgumentException($"unknown random generator '{name}': expected numpy or xoshiro", nameof(name)),
    };
}
