using Sweep.Training.Data;

namespace Sweep.Protocol.Messages.Queries;

/// <summary>
/// A train/test split, and its validation set when the sweep holds one out, as plain arrays: the form in which it
/// crosses the wire. The validation arrays are null when there is no validation set.
/// </summary>
public sealed record DatasetPayload(
    int FeatureCount,
    IReadOnlyList<string> FeatureNames,
    IReadOnlyList<string> Classes,
    double[] TrainFeatures,
    int[] TrainLabels,
    double[] TestFeatures,
    int[] TestLabels,
    double[]? ValidationFeatures = null,
    int[]? ValidationLabels = null)
{
    public static DatasetPayload From(DatasetSplit split) => new(
        split.Train.FeatureCount,
        split.Train.FeatureNames,
        split.Train.Classes,
        split.Train.Features,
        split.Train.Labels,
        split.Test.Features,
        split.Test.Labels,
        split.Validation?.Features,
        split.Validation?.Labels);

    public DatasetSplit ToSplit() => new(
        new Dataset(TrainFeatures, FeatureCount, TrainLabels, Classes, FeatureNames),
        new Dataset(TestFeatures, FeatureCount, TestLabels, Classes, FeatureNames),
        ValidationFeatures is null || ValidationLabels is null
            ? null
            : new Dataset(ValidationFeatures, FeatureCount, ValidationLabels, Classes, FeatureNames));
}
