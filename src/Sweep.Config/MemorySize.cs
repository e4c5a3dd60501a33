using System.Globalization;

namespace Sweep.Config;

/// <summary>Byte counts as people read them: <c>512 bytes</c>, <c>9.4 KB</c>, <c>1.2 MB</c>, <c>16.4 GB</c> (powers of 1024).</summary>
public static class MemorySize
{
    public static string Describe(long bytes)
    {
        string[] units = ["KB", "MB", "GB", "TB", "PB", "EB"];
        if (bytes < 1024)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
        }

        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }
}
