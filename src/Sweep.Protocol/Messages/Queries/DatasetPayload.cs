using Sweep.Training.Data;
using Sweep.Training.Data.Tabular;

namespace Sweep.Protocol.Messages.Queries;

/// <summary>
/// A train/test split, and its validation set when the sweep holds one out, as plain arrays: the form in which it
/// crosses the wire. The validation arrays are null when there is no validation set. A regression has no classes and
/// sends its target values (<c>*Targets</c>) instead of class labels; the encoding of the raw columns and the data's
/// notes travel with it, so that a worker's models predict on raw rows too.
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
    public double[]? TrainTargets { get; init; }

    public double[]? TestTargets { get; init; }

    public double[]? ValidationTargets { get; init; }

    public TableEncoding? Encoding { get; init; }

    public string? Notes { get; init; }

    public static DatasetPayload From(DatasetSplit split)
    {
        bool values = split.Train.IsRegression;
        return new(
            split.Train.FeatureCount,
            split.Train.FeatureNames,
            split.Train.Classes,
            split.Train.Features,
            split.Train.Labels,
            split.Test.Features,
            split.Test.Labels,
            split.Validation?.Features,
            split.Validation?.Labels)
        {
            TrainTargets = values ? split.Train.Targets : null,
            TestTargets = values ? split.Test.Targets : null,
            ValidationTargets = values ? split.Validation?.Targets : null,
            Encoding = split.Encoding,
            Notes = split.Notes,
        };
    }

    public DatasetSplit ToSplit() => new(
        Set(TrainFeatures, TrainLabels, TrainTargets)!,
        Set(TestFeatures, TestLabels, TestTargets)!,
        Set(ValidationFeatures, ValidationLabels, ValidationTargets))
    {
        Encoding = Encoding,
        Notes = Notes,
    };

    private Dataset? Set(double[]? features, int[]? labels, double[]? targets) => features switch
    {
        null => null,
        _ when targets is not null => new Dataset(features, FeatureCount, targets, FeatureNames),
        _ when labels is not null => new Dataset(features, FeatureCount, labels, Classes, FeatureNames),
        _ => null,
    };
}
