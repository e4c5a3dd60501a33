namespace Sweep.Training.Data;

/// <summary>
/// Examples as the network consumes them: features stored features x examples, row-major
/// (<c>Features[f * ExampleCount + j]</c> is feature f of example j), as the course's X is.
/// Labels are class indices into <see cref="Classes"/>; a binary set has exactly two classes, index 1 being the
/// positive one.
/// </summary>
public sealed class Dataset
{
    public Dataset(double[] features, int featureCount, int[] labels, IReadOnlyList<string> classes, IReadOnlyList<string> featureNames)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (featureCount <= 0 || features.Length != featureCount * labels.Length)
        {
            throw new ArgumentException($"features hold {features.Length} values, not {featureCount} x {labels.Length}", nameof(features));
        }

        if (featureNames.Count != featureCount)
        {
            throw new ArgumentException($"{featureNames.Count} feature names for {featureCount} features", nameof(featureNames));
        }

        foreach (int label in labels)
        {
            if ((uint)label >= (uint)classes.Count)
            {
                throw new ArgumentException($"label index {label} outside the {classes.Count} classes", nameof(labels));
            }
        }

        Features = features;
        FeatureCount = featureCount;
        Labels = labels;
        Classes = classes;
        FeatureNames = featureNames;
    }

    public double[] Features { get; }

    public int FeatureCount { get; }

    public int ExampleCount => Labels.Length;

    public int[] Labels { get; }

    public IReadOnlyList<string> Classes { get; }

    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The examples at the given indices, in that order, as a new set with the same classes.</summary>
    public Dataset Select(IReadOnlyList<int> exampleIndices)
    {
        int count = exampleIndices.Count;
        var features = new double[FeatureCount * count];
        var labels = new int[count];
        for (int j = 0; j < count; j++)
        {
            int source = exampleIndices[j];
            labels[j] = Labels[source];
            for (int f = 0; f < FeatureCount; f++)
            {
                features[f * count + j] = Features[f * ExampleCount + source];
            }
        }

        return new Dataset(features, FeatureCount, labels, Classes, FeatureNames);
    }
}
