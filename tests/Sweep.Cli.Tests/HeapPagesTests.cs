using System.Globalization;
using System.Runtime.InteropServices;

namespace Sweep.Cli.Tests;

/// <summary>The GC heap a query fills asks Linux for 2 MB pages: the kernel marks the heap's mappings "hg".</summary>
public sealed class HeapPagesTests
{
    [Fact]
    public void The_mapping_that_holds_the_heap_is_advised_to_use_huge_pages()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // Pinned before the advice and held until the check: a collection on another of the test host's threads can
        // give a free region back to the system, and a region committed again after that comes without the advice.
        GCHandle handle = GCHandle.Alloc(new byte[64], GCHandleType.Pinned);
        try
        {
            HeapPages.PreferHugePages();

            Assert.Contains("hg", FlagsOfMappingHolding((ulong)handle.AddrOfPinnedObject()));
        }
        finally
        {
            handle.Free();
        }
    }

    /// <summary>The VmFlags that /proc/self/smaps gives the mapping holding <paramref name="address"/>.</summary>
    private static string[] FlagsOfMappingHolding(ulong address)
    {
        bool inside = false;
        foreach (string line in File.ReadLines("/proc/self/smaps"))
        {
            string first = line.Split(' ')[0];
            int dash = first.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && ulong.TryParse(first.AsSpan(0, dash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong start)
                && ulong.TryParse(first.AsSpan(dash + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong end))
            {
                inside = start <= address && address < end;
            }
            else if (inside && line.StartsWith("VmFlags:", StringComparison.Ordinal))
            {
                return line["VmFlags:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            }
        }

        throw new InvalidOperationException($"no mapping holds {address:x}");
    }
}
