using System.Collections.Concurrent;

namespace Sweep.Runtime.Hosting;

/// <summary>
/// A worker's slots as threads of their own: at most one piece of training per thread at a time, the rest waiting in
/// the order they were queued. A thread that finishes a trial takes the next waiting one at once, so a trial held
/// beyond the slots (the worker's prefetch) starts without a hop through any actor's mailbox; before, each trial had a
/// thread created for it, started once its actor had been created, and a short trial's slot sat idle through both.
/// Training never runs on the actor system's threads, so heartbeats and mailboxes keep flowing.
/// </summary>
public sealed class TrainingThreads : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new(new ConcurrentQueue<Action>());
    private readonly Thread[] _threads;

    /// <summary>Starts <paramref name="count"/> background threads named <paramref name="name"/> 1, 2, ...</summary>
    public TrainingThreads(int count, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _threads = [.. Enumerable.Range(1, count).Select(i => new Thread(Loop) { IsBackground = true, Name = $"{name} {i}" })];
        foreach (Thread thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>How many pieces of training wait for a thread.</summary>
    public int Waiting => _queue.Count;

    /// <summary>
    /// Queues <paramref name="work"/>; the task ends with its result or exception once a thread has run it. Work whose
    /// <paramref name="cancellation"/> fires before a thread takes it is never run, and its task is cancelled.
    /// </summary>
    public Task<T> Run<T>(Func<T> work, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(work);
        // The continuations (an actor's PipeTo) run elsewhere, not on the training thread that could start the next trial.
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(() =>
        {
            if (cancellation.IsCancellationRequested)
            {
                done.TrySetCanceled(cancellation);
                return;
            }

            try
            {
                done.TrySetResult(work());
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                done.TrySetCanceled(cancellation);
            }
            catch (Exception exception)
            {
                done.TrySetException(exception);
            }
        }, CancellationToken.None);
        return done.Task;
    }

    /// <summary>
    /// Takes no more work; the threads end once what is queued has run (work whose cancellation fired only ends its
    /// task), so the owner cancels what it no longer wants first.
    /// </summary>
    public void Dispose() => _queue.CompleteAdding();

    private void Loop()
    {
        foreach (Action work in _queue.GetConsumingEnumerable())
        {
            work();
        }
    }
}
