using System.Security.Cryptography;
using Sweep.Training.Data;
using Sweep.Training.Data.Tabular;

namespace Sweep.Protocol.Datasets;

/// <summary>
/// What a worker needs to know before a data set's bytes arrive: its shape, so that it can allocate the arrays once and
/// fill them in place, and the SHA-256 of the bytes (64 lower-case hex characters), to check them on arrival. The bytes
/// are the arrays' little-endian values back to back: training features and labels, test features and labels, then
/// the validation set's when there is one (<paramref name="ValidationExamples"/> is null when there is none). A
/// regression (no <paramref name="Classes"/>) sends its target values (doubles) where a classification sends its class
/// indices (ints). How the raw columns were encoded, and the data's notes, travel in this message, so that a worker's
/// models predict on raw rows too.
/// </summary>
public sealed record DatasetLayout(
    int FeatureCount,
    IReadOnlyList<string> FeatureNames,
    IReadOnlyList<string> Classes,
    int TrainExamples,
    int TestExamples,
    int? ValidationExamples,
    string Sha256)
{
    public TableEncoding? Encoding { get; init; }

    public string? Notes { get; init; }

    public bool IsRegression => Classes.Count == 0;

    /// <summary>The size of the data in memory and on the wire before compression: 8 bytes per feature value, 4 per class label or 8 per target value.</summary>
    public long TotalBytes => BytesOf(TrainExamples) + BytesOf(TestExamples) + BytesOf(ValidationExamples ?? 0);

    /// <summary>The layout of <paramref name="split"/>, with the hash of its bytes.</summary>
    public static DatasetLayout Of(DatasetSplit split)
    {
        ArgumentNullException.ThrowIfNull(split);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (Array section in Sections(split))
        {
            hash.AppendData(DatasetBytes.Of(section));
        }

        return new DatasetLayout(
            split.Train.FeatureCount,
            split.Train.FeatureNames,
            split.Train.Classes,
            split.Train.ExampleCount,
            split.Test.ExampleCount,
            split.Validation?.ExampleCount,
            Convert.ToHexStringLower(hash.GetHashAndReset()))
        {
            Encoding = split.Encoding,
            Notes = split.Notes,
        };
    }

    /// <summary>The arrays whose bytes make up the data set, in wire order.</summary>
    internal static IEnumerable<Array> Sections(DatasetSplit split)
    {
        foreach (Dataset? set in (Dataset?[])[split.Train, split.Test, split.Validation])
        {
            if (set is not null)
            {
                yield return set.Features;
                yield return set.IsRegression ? set.Targets : set.Labels;
            }
        }
    }

    private long BytesOf(int examples) => ((long)examples * FeatureCount * sizeof(double)) + ((long)examples * (IsRegression ? sizeof(double) : sizeof(int)));
}
