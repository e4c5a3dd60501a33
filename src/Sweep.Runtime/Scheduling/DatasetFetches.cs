namespace Sweep.Runtime.Scheduling;

/// <summary>
/// A worker's fetches of data sets, by key: when to ask the coordinator (again), and whether an answer that arrives is
/// still wanted. An ask that gets no answer within <see cref="AnswerTimeout"/> is repeated; a transfer that fails is
/// retried after a delay that doubles with each failure, from <see cref="FirstRetryDelay"/> up to
/// <see cref="LongestRetryDelay"/>, so a data set that cannot arrive is retried for as long as trials wait for it
/// without flooding the coordinator. Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class DatasetFetches(TimeProvider time)
{
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan LongestRetryDelay = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, Fetch> _fetches = new(StringComparer.Ordinal);

    /// <summary>A trial needs <paramref name="key"/>: true when the worker should ask for it now (nobody has yet).</summary>
    public bool Need(string key)
    {
        if (_fetches.ContainsKey(key))
        {
            return false;
        }

        _fetches[key] = new Fetch(FetchState.Asked, time.GetUtcNow(), Failures: 0);
        return true;
    }

    /// <summary>
    /// The coordinator answered for <paramref name="key"/>: true when the transfer should be read, false when the data
    /// set is not wanted or is already arriving (an answer to an ask that was repeated).
    /// </summary>
    public bool Answered(string key)
    {
        if (!_fetches.TryGetValue(key, out Fetch? fetch) || fetch.State == FetchState.Receiving)
        {
            return false;
        }

        _fetches[key] = fetch with { State = FetchState.Receiving };
        return true;
    }

    /// <summary>The transfer failed (or was refused): returns how many times it has failed and when it is asked for again.</summary>
    public (int Failures, TimeSpan RetryIn) Failed(string key)
    {
        int failures = (_fetches.TryGetValue(key, out Fetch? fetch) ? fetch.Failures : 0) + 1;
        double seconds = Math.Min(LongestRetryDelay.TotalSeconds, FirstRetryDelay.TotalSeconds * Math.Pow(2, failures - 1));
        TimeSpan delay = TimeSpan.FromSeconds(seconds);
        _fetches[key] = new Fetch(FetchState.Waiting, time.GetUtcNow() + delay, failures);
        return (failures, delay);
    }

    /// <summary>The data set arrived whole: nothing more to fetch for it.</summary>
    public void Received(string key) => _fetches.Remove(key);

    /// <summary>
    /// The keys to ask for now: those whose retry time has come, and those asked for without an answer for
    /// <see cref="AnswerTimeout"/> (the second list, so the worker can say so). Each is marked as asked again.
    /// </summary>
    public (IReadOnlyList<string> Retries, IReadOnlyList<string> Unanswered) Due()
    {
        DateTimeOffset now = time.GetUtcNow();
        var retries = new List<string>();
        var unanswered = new List<string>();
        foreach (var (key, fetch) in _fetches.ToList())
        {
            if (fetch.State == FetchState.Waiting && now >= fetch.Since)
            {
                retries.Add(key);
            }
            else if (fetch.State == FetchState.Asked && now - fetch.Since >= AnswerTimeout)
            {
                unanswered.Add(key);
            }
            else
            {
                continue;
            }

            _fetches[key] = fetch with { State = FetchState.Asked, Since = now };
        }

        return (retries, unanswered);
    }

    private enum FetchState
    {
        Asked,
        Receiving,
        Waiting,
    }

    /// <summary><paramref name="Since"/> is when it was asked for (Asked) or when to ask again (Waiting).</summary>
    private sealed record Fetch(FetchState State, DateTimeOffset Since, int Failures);
}
