namespace Sweep.Training.Networks;

/// <summary>
/// Lays a workspace's buffers out in one array, each starting on its own cache line and 192 bytes further into the
/// 4 KB page than the one before. The fused layer steps load from one buffer and store into another at the same
/// index on every register; when the two buffers start a multiple of 4 KB apart, the core takes each load for a
/// possible overlap with the store before it ("4K aliasing") and stalls. With separate arrays, placed wherever the
/// allocator put them, the same small network trained up to 40% slower in some processes than in others; in one
/// array the layout also survives the GC moving it.
/// </summary>
internal sealed class StaggeredBuffers
{
    private const int LineDoubles = 8;
    private const int StepDoubles = 24;
    private const int PageDoubles = 512;

    private readonly List<(long Offset, long Length)> _segments = [];
    private long _end;

    /// <summary>The doubles the one array needs for the buffers reserved so far, padding included.</summary>
    public long Length => _end;

    /// <summary>Reserves a buffer of <paramref name="length"/> doubles and returns its index for <see cref="Allocate"/>.</summary>
    public int Reserve(long length)
    {
        long wanted = _segments.Count * StepDoubles % PageDoubles;
        long start = (_end + LineDoubles - 1) / LineDoubles * LineDoubles;
        start += ((wanted - (start % PageDoubles)) + PageDoubles) % PageDoubles;
        _segments.Add((start, length));
        _end = start + length;
        return _segments.Count - 1;
    }

    /// <summary>
    /// Allocates the one array and returns the reserved buffers in the order they were reserved; buffers beyond what
    /// one .NET array holds throw an <see cref="ArgumentException"/> (a sweep file refuses such a trial before it runs).
    /// </summary>
    public ArraySegment<double>[] Allocate()
    {
        if (_end > Array.MaxLength)
        {
            throw new ArgumentException($"the buffers need {_end} doubles, more than one .NET array holds ({Array.MaxLength}): use smaller layers or batches");
        }

        var slab = new double[_end];
        return [.. _segments.Select(s => new ArraySegment<double>(slab, (int)s.Offset, (int)s.Length))];
    }
}
