namespace Sweep.Training.Data;

/// <summary>
/// Examples as the network consumes them: features stored features x examples, row-major
/// (<c>Features[f * ExampleCount + j]</c> is feature f of example j), as the course's X is.
/// A classification set has <see cref="Labels"/>, class indices into <see cref="Classes"/> (a binary set has exactly
/// two classes, index 1 being the positive one); a regression set has no classes, and its <see cref="Targets"/> are
/// the values to predict. <see cref="Targets"/> is the course's Y either way: the class index or the value of every
/// example, as the output layer reads it.
/// </summary>
public sealed class Dataset
{
    /// <summary>A classification set.</summary>
    public Dataset(double[] features, int featureCount, int[] labels, IReadOnlyList<string> classes, IReadOnlyList<string> featureNames)
        : this(features, featureCount, labels, ToTargets(labels), classes, featureNames)
    {
        if (classes.Count == 0)
        {
            throw new ArgumentException("a classification set needs its classes", nameof(classes));
        }

        foreach (int label in labels)
        {
            if ((uint)label >= (uint)classes.Count)
            {
                throw new ArgumentException($"label index {label} outside the {classes.Count} classes", nameof(labels));
            }
        }
    }

    /// <summary>A regression set: <paramref name="targets"/> holds the value of every example.</summary>
    public Dataset(double[] features, int featureCount, double[] targets, IReadOnlyList<string> featureNames)
        : this(features, featureCount, [], targets, [], featureNames)
    {
    }

    private Dataset(double[] features, int featureCount, int[] labels, double[] targets, IReadOnlyList<string> classes, IReadOnlyList<string> featureNames)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(targets);
        if (featureCount <= 0 || features.Length != featureCount * targets.Length)
        {
            throw new ArgumentException($"features hold {features.Length} values, not {featureCount} x {targets.Length}", nameof(features));
        }

        if (featureNames.Count != featureCount)
        {
            throw new ArgumentException($"{featureNames.Count} feature names for {featureCount} features", nameof(featureNames));
        }

        Features = features;
        FeatureCount = featureCount;
        Labels = labels;
        Targets = targets;
        Classes = classes;
        FeatureNames = featureNames;
    }

    public double[] Features { get; }

    public int FeatureCount { get; }

    public int ExampleCount => Targets.Length;

    /// <summary>The class index of every example; empty for a regression set.</summary>
    public int[] Labels { get; }

    /// <summary>Y: the class index (as a number) of every example of a classification set, the value of a regression set's.</summary>
    public double[] Targets { get; }

    /// <summary>The class names, in index order; empty for a regression set.</summary>
    public IReadOnlyList<string> Classes { get; }

    public bool IsRegression => Classes.Count == 0;

    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The examples at the given indices, in that order, as a new set with the same classes.</summary>
    public Dataset Select(IReadOnlyList<int> exampleIndices)
    {
        int count = exampleIndices.Count;
        var features = new double[FeatureCount * count];
        var labels = new int[IsRegression ? 0 : count];
        var targets = new double[count];
        for (int j = 0; j < count; j++)
        {
            int source = exampleIndices[j];
            targets[j] = Targets[source];
            if (!IsRegression)
            {
                labels[j] = Labels[source];
            }

            for (int f = 0; f < FeatureCount; f++)
            {
                features[f * count + j] = Features[f * ExampleCount + source];
            }
        }

        return new Dataset(features, FeatureCount, labels, targets, Classes, FeatureNames);
    }

    /// <summary>The same examples, labels and targets with other features (as many examples, features x examples).</summary>
    public Dataset WithFeatures(double[] features, int featureCount, IReadOnlyList<string> featureNames) =>
        new(features, featureCount, Labels, Targets, Classes, featureNames);

    private static double[] ToTargets(int[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var targets = new double[labels.Length];
        for (int j = 0; j < labels.Length; j++)
        {
            targets[j] = labels[j];
        }

        return targets;
    }
}
