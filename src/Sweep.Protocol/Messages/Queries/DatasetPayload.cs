using Sweep.Training.Data;

namespace Sweep.Protocol.Messages.Queries;

/// <summary>A train/test split as plain arrays, the form in which it crosses the wire.</summary>
public sealed record DatasetPayload(
    int FeatureCount,
    IReadOnlyList<string> FeatureNames,
    IReadOnlyList<string> Classes,
    double[] TrainFeatures,
    int[] TrainLabels,
    double[] TestFeatures,
    int[] TestLabels)
{
    public static DatasetPayload From(DatasetSplit split) => new(
        split.Train.FeatureCount,
        split.Train.FeatureNames,
        split.Train.Classes,
        split.Train.Features,
        split.Train.Labels,
        split.Test.Features,
        split.Test.Labels);

    public DatasetSplit ToSplit() => new(
        new Dataset(TrainFeatures, FeatureCount, TrainLabels, Classes, FeatureNames),
        new Dataset(TestFeatures, FeatureCount, TestLabels, Classes, FeatureNames));
}
