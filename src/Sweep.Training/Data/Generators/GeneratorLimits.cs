namespace Sweep.Training.Data.Generators;

/// <summary>
/// How much a generator makes. Generated data lives in memory several times over (the points, the shuffled set, the
/// split's two halves, their normalized copies), so the bounds keep the largest set to a few hundred megabytes that
/// a 2-core laptop generates in seconds; they also keep every count inside 32-bit arithmetic.
/// </summary>
public static class GeneratorLimits
{
    /// <summary>At most a million examples (train and test together).</summary>
    public const int MaxExamples = 1_000_000;

    /// <summary>At most 1,000 features (blobs).</summary>
    public const int MaxDimensions = 1_000;

    /// <summary>At most 10 million coordinates, examples x dimensions: 80 MB a copy.</summary>
    public const long MaxValues = 10_000_000;

    /// <summary>At most 100 classes (spirals, blobs): a classifier of more is outside what the generators are for.</summary>
    public const int MaxClasses = 100;

    /// <summary>
    /// Noise is a standard deviation in the data's own units (about 1; blobs' centers lie within 10). Beyond a million
    /// the points are noise alone, and near double's range they would overflow to infinity.
    /// </summary>
    public const double MaxNoise = 1e6;
}
