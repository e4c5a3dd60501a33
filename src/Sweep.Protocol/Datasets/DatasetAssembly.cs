using System.IO.Compression;
using System.Security.Cryptography;
using Sweep.Training.Data;

namespace Sweep.Protocol.Datasets;

/// <summary>
/// A data set arriving in chunks (<see cref="DatasetChunks"/>): the arrays are allocated once from its layout and
/// filled in place as chunks come, and the whole is checked against the layout's size and SHA-256 before it is used.
/// Not thread-safe: one transfer feeds it, one chunk at a time.
/// </summary>
public sealed class DatasetAssembly : IDisposable
{
    private readonly DatasetLayout _layout;
    private readonly double[][] _features;
    private readonly Array[] _labels;
    private readonly Array[] _sections;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _inflated = new byte[64 * 1024];
    private int _section;
    private int _offset;

    public DatasetAssembly(DatasetLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _layout = layout;
        int[] examples = layout.ValidationExamples is { } validation
            ? [layout.TrainExamples, layout.TestExamples, validation]
            : [layout.TrainExamples, layout.TestExamples];
        _features = [.. examples.Select(n => new double[(long)n * layout.FeatureCount])];
        _labels = [.. examples.Select(n => layout.IsRegression ? (Array)new double[n] : new int[n])];
        _sections = [.. _features.Zip(_labels).SelectMany(pair => (Array[])[pair.First, pair.Second])];
    }

    /// <summary>Bytes of data received so far (before compression).</summary>
    public long ReceivedBytes { get; private set; }

    /// <summary>Adds the next chunk; throws <see cref="DatasetTransferException"/> when it is not one or overflows the layout.</summary>
    public void Add(byte[] chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        switch (chunk is [var marker, ..] ? marker : byte.MaxValue)
        {
            case DatasetChunks.Stored:
                Append(chunk.AsSpan(1));
                break;
            case DatasetChunks.Deflated:
                using (var inflate = new DeflateStream(new MemoryStream(chunk, 1, chunk.Length - 1), CompressionMode.Decompress))
                {
                    try
                    {
                        for (int read; (read = inflate.Read(_inflated)) > 0;)
                        {
                            Append(_inflated.AsSpan(0, read));
                        }
                    }
                    catch (InvalidDataException exception)
                    {
                        throw new DatasetTransferException($"a compressed chunk cannot be inflated ({exception.Message})", exception);
                    }
                }

                break;
            default:
                throw new DatasetTransferException($"a chunk of {chunk.Length} bytes is not one of a data set (its first byte is not a known marker)");
        }
    }

    /// <summary>The data set, once every byte has arrived and their SHA-256 is the layout's.</summary>
    public DatasetSplit Complete()
    {
        if (ReceivedBytes != _layout.TotalBytes)
        {
            throw new DatasetTransferException($"the transfer ended after {ReceivedBytes:N0} of {_layout.TotalBytes:N0} bytes");
        }

        string received = Convert.ToHexStringLower(_hash.GetHashAndReset());
        if (received != _layout.Sha256)
        {
            throw new DatasetTransferException($"the data arrived damaged: its SHA-256 is {received[..12]}..., not the coordinator's {_layout.Sha256[..12]}...");
        }

        Dataset Set(int i) => _labels[i] is double[] targets
            ? new Dataset(_features[i], _layout.FeatureCount, targets, _layout.FeatureNames)
            : new Dataset(_features[i], _layout.FeatureCount, (int[])_labels[i], _layout.Classes, _layout.FeatureNames);
        return new DatasetSplit(Set(0), Set(1), _layout.ValidationExamples is null ? null : Set(2))
        {
            Encoding = _layout.Encoding,
            Notes = _layout.Notes,
        };
    }

    public void Dispose() => _hash.Dispose();

    private void Append(ReadOnlySpan<byte> data)
    {
        _hash.AppendData(data);
        while (!data.IsEmpty)
        {
            if (_section == _sections.Length)
            {
                throw new DatasetTransferException($"more bytes arrived than the data set's {_layout.TotalBytes:N0}");
            }

            Span<byte> target = DatasetBytes.Of(_sections[_section])[_offset..];
            int count = Math.Min(target.Length, data.Length);
            data[..count].CopyTo(target);
            data = data[count..];
            _offset += count;
            ReceivedBytes += count;
            if (_offset == DatasetBytes.Of(_sections[_section]).Length)
            {
                _section++;
                _offset = 0;
            }
        }
    }
}
