namespace Sweep.Cli;

/// <summary>
/// A listing or a ranking keeps nearly all it allocates (every trial read, every row formatted) until it prints and
/// exits, so a garbage collection during it only copies live objects from one generation to the next: listing
/// 20,000 trials ran six collections, two of them full, in about a third of the command's time. A query that may read
/// the whole store therefore asks the runtime to collect nothing until it has allocated <see cref="Budget"/>; past
/// that (a larger store), collections resume as usual. The heap it then fills is backed by 2 MB pages where the
/// system has them (<see cref="HeapPages"/>).
/// </summary>
internal static class QueryHeap
{
    /// <summary>Enough for a listing of 20,000 trials with their settings, and a small part of any machine Sweep runs on.</summary>
    public const long Budget = 256L * 1024 * 1024;

    public static void CollectNothingUntilExit()
    {
        // Where the budget would be a large part of the memory there is (a small container), collections keep running.
        if (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes < 8 * Budget)
        {
            return;
        }

        HeapPages.PreferHugePages();
        try
        {
            GC.TryStartNoGCRegion(Budget);
        }
        catch (ArgumentOutOfRangeException)
        {
            // More than this runtime's heap can set aside without collecting: it collects as usual.
        }
    }
}
