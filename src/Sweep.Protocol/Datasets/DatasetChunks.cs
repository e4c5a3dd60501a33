using System.IO.Compression;
using Sweep.Training.Data;

namespace Sweep.Protocol.Datasets;

/// <summary>
/// A data set cut into chunks for the wire: each chunk is one marker byte and up to <see cref="ChunkBytes"/> bytes of
/// the data (<see cref="DatasetLayout"/> says which), deflated when that makes it at least a quarter smaller (labels
/// and generated grids shrink a lot; measured doubles barely do, and are sent as they are).
/// </summary>
public static class DatasetChunks
{
    /// <summary>
    /// The data in one chunk. Every copy of a chunk on its way (the chunk, its deflated try, the stream reference's
    /// envelope, the remoting frame) stays under .NET's 85,000-byte large-object threshold, so it dies young in a cheap
    /// collection: with chunks of 256 KiB each copy went to the large object heap, which only a full collection frees,
    /// and two workers fetching 86 MB at once took the coordinator from 592 MB to 1.27 GB. A stream reference asks for
    /// at most 32 chunks ahead (Akka's default buffer), so a transfer holds at most 2 MiB in flight.
    /// </summary>
    public const int ChunkBytes = 64 * 1024;

    /// <summary>How many chunks a data set of <paramref name="layout"/> is cut into.</summary>
    public static long CountFor(DatasetLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return (layout.TotalBytes + ChunkBytes - 1) / ChunkBytes;
    }

    internal const byte Stored = 0;
    internal const byte Deflated = 1;

    /// <summary>
    /// The chunks of <paramref name="split"/>, made one at a time as they are asked for, from the arrays themselves:
    /// a transfer never copies the whole data set, so several at once cost a few chunks each.
    /// </summary>
    public static IEnumerable<byte[]> Of(DatasetSplit split, int chunkBytes = ChunkBytes)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        return Chunks(split, chunkBytes);
    }

    private static IEnumerable<byte[]> Chunks(DatasetSplit split, int chunkBytes)
    {
        var buffer = new byte[chunkBytes];
        int filled = 0;
        foreach (Array section in DatasetLayout.Sections(split))
        {
            int length = DatasetBytes.Of(section).Length;
            for (int offset = 0; offset < length;)
            {
                int count = Math.Min(chunkBytes - filled, length - offset);
                DatasetBytes.Of(section).Slice(offset, count).CopyTo(buffer.AsSpan(filled));
                filled += count;
                offset += count;
                if (filled == chunkBytes)
                {
                    yield return Pack(buffer, filled);
                    filled = 0;
                }
            }
        }

        if (filled > 0)
        {
            yield return Pack(buffer, filled);
        }
    }

    private static byte[] Pack(byte[] data, int length)
    {
        using var deflated = new MemoryStream(length / 2);
        deflated.WriteByte(Deflated);
        using (var deflate = new DeflateStream(deflated, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(data, 0, length);
        }

        if (deflated.Length - 1 <= length * 3L / 4)
        {
            return deflated.ToArray();
        }

        var stored = new byte[length + 1];
        stored[0] = Stored;
        Buffer.BlockCopy(data, 0, stored, 1, length);
        return stored;
    }
}
