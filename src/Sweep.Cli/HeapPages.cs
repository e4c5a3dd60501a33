using System.Globalization;
using System.Runtime.InteropServices;

namespace Sweep.Cli;

/// <summary>
/// Asks Linux to back the GC heap with 2 MB pages (transparent huge pages, which Debian and most distributions give
/// to memory that asks for them). The first write to each 4 KB page of fresh memory is a page fault, and in a virtual
/// machine a fault can cost 10 us or more (12 us each on the 2-core AMD EPYC machines this project is measured on):
/// listing 20,000 trials writes about 40 MB once, and its 10,000 faults were a third of the command's time
/// (<c>benchmarks/e2e/queries.sh</c>). With 2 MB pages the same memory takes a few dozen. Only for a process that
/// allocates what it keeps in one go and exits (<see cref="QueryHeap"/>): a long-running node returns freed memory
/// to the system, which 2 MB pages make coarser. Where there are no huge pages (another system, a kernel that does
/// not offer them) nothing changes.
/// </summary>
internal static partial class HeapPages
{
    /// <summary>MADV_HUGEPAGE in Linux's <c>mman-common.h</c>.</summary>
    private const int HugePageAdvice = 14;

    public static void PreferHugePages()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            if (GcReservation() is var (start, end))
            {
                _ = Advise((nint)start, (nuint)(end - start), HugePageAdvice);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            // Without the advice the heap works as it always did.
        }
    }

    /// <summary>
    /// The address range the GC reserved for its heap: the run of adjacent anonymous mappings (the parts of the
    /// reservation it has committed and those it has not) that holds a newly allocated object.
    /// </summary>
    private static (ulong Start, ulong End)? GcReservation()
    {
        ulong address;
        GCHandle handle = GCHandle.Alloc(new byte[1], GCHandleType.Pinned);
        try
        {
            address = (ulong)handle.AddrOfPinnedObject();
        }
        finally
        {
            handle.Free();
        }

        ulong runStart = 0, runEnd = 0;
        bool holdsAddress = false;
        foreach (string line in File.ReadLines("/proc/self/maps"))
        {
            if (!TryReadMapping(line, out ulong start, out ulong end, out bool anonymous))
            {
                continue;
            }

            if (anonymous && start == runEnd)
            {
                runEnd = end;
            }
            else if (holdsAddress)
            {
                break;
            }
            else
            {
                (runStart, runEnd) = anonymous ? (start, end) : (0UL, 0UL);
            }

            holdsAddress |= anonymous && start <= address && address < end;
        }

        return holdsAddress ? (runStart, runEnd) : null;
    }

    /// <summary>One line of <c>/proc/self/maps</c>: "start-end perms offset device inode [path]", where an anonymous mapping has inode 0 and no path.</summary>
    private static bool TryReadMapping(string line, out ulong start, out ulong end, out bool anonymous)
    {
        start = end = 0;
        string[] fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        anonymous = fields.Length == 5 && fields[4] == "0";
        return fields.Length >= 5
            && fields[0].Split('-') is [var from, var to]
            && ulong.TryParse(from, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out start)
            && ulong.TryParse(to, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out end);
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Advise(nint address, nuint length, int advice);
}
