using System.Runtime.InteropServices;

namespace Sweep.Protocol.Datasets;

/// <summary>
/// The bytes of a data set's arrays as they lie in memory. The wire format is little-endian, which is how every
/// platform .NET runs Sweep on (x64, Arm64) stores them; a big-endian node is refused rather than misread.
/// </summary>
internal static class DatasetBytes
{
    public static Span<byte> Of(Array section)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("a data set crosses the wire little-endian, and this machine is big-endian");
        }

        return section switch
        {
            double[] values => MemoryMarshal.AsBytes(values.AsSpan()),
            int[] values => MemoryMarshal.AsBytes(values.AsSpan()),
            _ => throw new ArgumentException($"a data set holds double and int arrays, not {section.GetType().Name}", nameof(section)),
        };
    }
}
