namespace Sweep.Search.Strategies;

/// <summary>The index check every strategy makes, so each refuses an index outside the search in the same words.</summary>
internal static class IndexCheck
{
    public static void InSearch(int index, int count)
    {
        if (index < 0 || index >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The search has configurations 0 .. {count - 1}.");
        }
    }
}
