using Sweep.Protocol.Datasets;
using Sweep.Training.Data;
using Sweep.Training.Data.Tabular;

namespace Sweep.Runtime.Tests.Datasets;

public sealed class DatasetChunksTests
{
    private static DatasetSplit Split(bool validation, int seed = 7)
    {
        var random = new Random(seed);
        Dataset Set(int examples) => new(
            [.. Enumerable.Range(0, examples * 3).Select(_ => random.NextDouble())], 3, [.. Enumerable.Range(0, examples).Select(i => i % 2)], ["no", "yes"], ["a", "b", "c"]);
        return new DatasetSplit(Set(1001), Set(250), validation ? Set(99) : null);
    }

    private static DatasetSplit Assemble(DatasetLayout layout, IEnumerable<byte[]> chunks)
    {
        using var assembly = new DatasetAssembly(layout);
        foreach (byte[] chunk in chunks)
        {
            assembly.Add(chunk);
        }

        return assembly.Complete();
    }

    [Theory]
    [InlineData(true, 7)]
    [InlineData(true, 4096)]
    [InlineData(false, 1000)]
    [InlineData(false, DatasetChunks.ChunkBytes)]
    public void A_data_set_cut_into_chunks_of_any_size_is_assembled_back_bit_for_bit(bool validation, int chunkBytes)
    {
        DatasetSplit split = Split(validation);
        DatasetLayout layout = DatasetLayout.Of(split);

        DatasetSplit back = Assemble(layout, DatasetChunks.Of(split, chunkBytes));

        Assert.Equal(split.Train.Features, back.Train.Features);
        Assert.Equal(split.Train.Labels, back.Train.Labels);
        Assert.Equal(split.Test.Features, back.Test.Features);
        Assert.Equal(split.Test.Labels, back.Test.Labels);
        Assert.Equal(split.Validation?.Features, back.Validation?.Features);
        Assert.Equal(split.Validation?.Labels, back.Validation?.Labels);
        Assert.Equal(["no", "yes"], back.Train.Classes);
        Assert.Equal(["a", "b", "c"], back.Test.FeatureNames);
        Assert.Equal((1001 + 250 + (validation ? 99 : 0)) * (3 * 8 + 4), layout.TotalBytes);
    }

    [Fact]
    public void A_regression_split_arrives_with_its_target_values_encoding_and_notes()
    {
        var train = new Dataset([1.0, 2.0, 0.0, 1.0], 2, [10.5, 20.25], ["age", "sex=2"]);
        var test = new Dataset([3.0, 1.0], 2, [30.0], ["age", "sex=2"]);
        var encoding = new TableEncoding("progression", [new ColumnEncoding("age", null, 1.5, false), new ColumnEncoding("sex", ["2"], null, false)]);
        var split = new DatasetSplit(train, test) { Encoding = encoding, Notes = "1 test cells have a category the training split lacks" };
        DatasetLayout layout = DatasetLayout.Of(split);

        DatasetSplit back = Assemble(layout, DatasetChunks.Of(split, chunkBytes: 5));

        Assert.True(back.Train.IsRegression);
        Assert.Equal(train.Targets, back.Train.Targets);
        Assert.Equal(test.Targets, back.Test.Targets);
        Assert.Equal(train.Features, back.Train.Features);
        Assert.Same(encoding, back.Encoding);
        Assert.Equal(split.Notes, back.Notes);
        Assert.Equal(3 * (2 * 8 + 8), layout.TotalBytes);
    }

    [Fact]
    public void Labels_are_deflated_and_random_doubles_are_sent_as_they_are()
    {
        var random = new Random(1);
        var noisy = new Dataset([.. Enumerable.Range(0, 40_000).Select(_ => random.NextDouble())], 1, new int[40_000], ["only"], ["x"]);
        var split = new DatasetSplit(noisy, noisy);

        byte[][] chunks = [.. DatasetChunks.Of(split, chunkBytes: 40_000 * 4)];

        // Train features (two chunks), train labels (one), then the same for the test set.
        Assert.Equal([0, 0, 1, 0, 0, 1], chunks.Select(c => (int)c[0]));
        Assert.True(chunks[2].Length < 40_000 * 4 / 100, $"40,000 zero labels deflated to {chunks[2].Length} bytes");
        Assert.Equal(40_000 * 4 + 1, chunks[0].Length);
    }

    [Fact]
    public void A_chunk_damaged_on_the_way_is_caught_by_the_hash()
    {
        DatasetSplit split = Split(validation: false);
        byte[][] chunks = [.. DatasetChunks.Of(split, 4096)];
        chunks[0][100] ^= 0x40;

        var refused = Assert.Throws<DatasetTransferException>(() => Assemble(DatasetLayout.Of(split), chunks));

        Assert.Contains("the data arrived damaged: its SHA-256 is", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_transfer_cut_short_says_how_many_bytes_arrived_and_one_too_long_is_refused()
    {
        DatasetSplit split = Split(validation: false);
        DatasetLayout layout = DatasetLayout.Of(split);
        byte[][] chunks = [.. DatasetChunks.Of(split, 4096)];

        var shorter = Assert.Throws<DatasetTransferException>(() => Assemble(layout, chunks[..^1]));
        var longer = Assert.Throws<DatasetTransferException>(() => Assemble(layout, [.. chunks, chunks[0]]));
        var foreign = Assert.Throws<DatasetTransferException>(() => Assemble(layout, [[9, 1, 2, 3]]));

        Assert.Contains($"the transfer ended after {4096 * (chunks.Length - 1):N0} of {layout.TotalBytes:N0} bytes", shorter.Message, StringComparison.Ordinal);
        Assert.Contains($"more bytes arrived than the data set's {layout.TotalBytes:N0}", longer.Message, StringComparison.Ordinal);
        Assert.Contains("not one of a data set", foreign.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_coordinator_counts_the_chunks_a_data_set_is_cut_into()
    {
        var random = new Random(3);
        var large = new Dataset([.. Enumerable.Range(0, 100_000).Select(_ => random.NextDouble())], 2, new int[50_000], ["only"], ["x", "y"]);
        var split = new DatasetSplit(large, large);

        Assert.Equal(DatasetChunks.Of(split).Count(), DatasetChunks.CountFor(DatasetLayout.Of(split)));
    }
}
