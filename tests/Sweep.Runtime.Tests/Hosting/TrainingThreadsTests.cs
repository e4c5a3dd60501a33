using Sweep.Runtime.Hosting;

namespace Sweep.Runtime.Tests.Hosting;

/// <summary>The worker's slots as threads: never more at once than there are threads, in the order queued.</summary>
public sealed class TrainingThreadsTests
{
    [Fact]
    public async Task Work_runs_on_no_more_threads_at_once_than_there_are_slots_and_starts_in_the_order_queued()
    {
        using var threads = new TrainingThreads(2, "test");
        int running = 0, most = 0;
        var started = new System.Collections.Concurrent.ConcurrentQueue<int>();
        using var release = new SemaphoreSlim(0);

        Task<int>[] work = [.. Enumerable.Range(0, 6).Select(i => threads.Run(() =>
        {
            started.Enqueue(i);
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            release.Wait();
            Interlocked.Decrement(ref running);
            return i * 10;
        }, CancellationToken.None))];

        while (started.Count < 2)
        {
            await Task.Delay(5);
        }

        Assert.Equal(4, threads.Waiting);
        release.Release(6);

        int[] results = await Task.WhenAll(work).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(new[] { 0, 10, 20, 30, 40, 50 }, results);
        Assert.Equal(2, most);
        Assert.Equal(new[] { 0, 1 }, started.Take(2).Order());
    }

    [Fact]
    public async Task Work_cancelled_before_a_thread_takes_it_never_runs_and_a_throw_ends_its_task_only()
    {
        using var threads = new TrainingThreads(1, "test");
        using var release = new SemaphoreSlim(0);
        using var cancellation = new CancellationTokenSource();
        bool ranCancelled = false;

        Task<int> busy = threads.Run(() => release.Wait(TimeSpan.FromSeconds(10)) ? 1 : 0, CancellationToken.None);
        Task<int> cancelled = threads.Run(() => { ranCancelled = true; return 2; }, cancellation.Token);
        Task<int> throws = threads.Run<int>(() => throw new InvalidOperationException("no"), CancellationToken.None);
        Task<int> after = threads.Run(() => 4, CancellationToken.None);
        cancellation.Cancel();
        release.Release();

        Assert.Equal(1, await busy.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(ranCancelled);
        Assert.Equal("no", (await Assert.ThrowsAsync<InvalidOperationException>(() => throws.WaitAsync(TimeSpan.FromSeconds(10)))).Message);
        Assert.Equal(4, await after.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
