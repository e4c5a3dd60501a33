using System.Text.Json;

namespace Sweep.Storage;

/// <summary>
/// The one coordinator of a store: a lock file beside it (<c>sweep.db.lock</c>) that the process running a sweep into
/// the store holds, with a description of that process inside (<see cref="CoordinatorLockHolder"/>).
/// </summary>
/// <remarks>
/// The lock is the kernel's (an fcntl record lock, which .NET's <see cref="FileStream.Lock"/> takes), not the file's
/// existence: the kernel releases it when the process ends, SIGKILL included, so the next coordinator takes over at
/// once and there is never a stale lock to wait out or delete. Containers that mount the same volume share the kernel's
/// lock table, so a coordinator in a second container on the volume is refused as well (unlike LiteDB's named mutex).
/// The file itself stays beside the store between runs: deleting it on release would let two processes lock two
/// different files of the same name.
/// <para>
/// Record locks belong to the process, and closing any handle of the file drops them, so this process never opens the
/// lock file a second time while it holds it: a second coordinator in the same process is refused from memory.
/// The locked byte lies past the description, where no read of it reaches (locks are mandatory on Windows).
/// </para>
/// </remarks>
public sealed class CoordinatorLock : IDisposable
{
    private const long LockedByte = 1 << 20;

    private static readonly Dictionary<string, CoordinatorLockHolder> HeldInThisProcess = new(StringComparer.Ordinal);

    private readonly FileStream _file;
    private readonly string _path;

    private CoordinatorLock(FileStream file, string path)
    {
        _file = file;
        _path = path;
    }

    /// <summary>The lock file of the store at <paramref name="storePath"/> (through links, the file behind them).</summary>
    public static string PathFor(string storePath) => TrialStore.ResolvedPath(Path.GetFullPath(storePath)) + ".lock";

    /// <summary>
    /// Throws <see cref="StoreInUseException"/> when a process holds the store's lock; creates nothing, so a command
    /// refused later for another reason leaves the folder as it was.
    /// </summary>
    public static void RequireFree(string storePath)
    {
        string path = PathFor(storePath);
        if (Held(path) is { } holder)
        {
            throw new StoreInUseException(path, holder);
        }

        if (!File.Exists(path))
        {
            return;
        }

        using FileStream? probe = OpenLockFile(path, FileMode.Open);
        if (probe is null || !TryLock(probe))
        {
            throw new StoreInUseException(path, probe is null ? null : ReadHolder(probe));
        }
    }

    /// <summary>
    /// True when no process holds the store's lock, or none ever took it. Unlike <see cref="RequireFree"/> it throws
    /// nothing: a lock file that cannot be opened (another user's, or gone in between) counts as held, so that the
    /// caller takes its careful path. Creates nothing.
    /// </summary>
    public static bool IsFree(string storePath)
    {
        try
        {
            RequireFree(storePath);
            return true;
        }
        catch (Exception exception) when (exception is StoreInUseException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Takes the store's lock for <paramref name="holder"/>, or throws <see cref="StoreInUseException"/> naming the
    /// process that holds it. Held until disposed or until the process ends.
    /// </summary>
    public static CoordinatorLock Acquire(string storePath, CoordinatorLockHolder holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        string path = PathFor(storePath);
        lock (HeldInThisProcess)
        {
            if (HeldInThisProcess.TryGetValue(path, out CoordinatorLockHolder? current))
            {
                throw new StoreInUseException(path, current);
            }

            FileStream? file;
            try
            {
                file = OpenLockFile(path, FileMode.OpenOrCreate) ?? throw new StoreInUseException(path, null);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new TrialStoreException($"cannot create the coordinator's lock file {path} beside the store: {exception.Message}", exception);
            }

            if (!TryLock(file))
            {
                CoordinatorLockHolder? other = ReadHolder(file);
                file.Dispose();
                throw new StoreInUseException(path, other);
            }

            var taken = new CoordinatorLock(file, path);
            try
            {
                taken.Describe(holder);
            }
            catch (IOException exception)
            {
                file.Dispose();
                throw new TrialStoreException($"cannot write the coordinator's lock file {path} beside the store: {exception.Message}", exception);
            }

            return taken;
        }
    }

    /// <summary>Rewrites the description a refused process reads (once the coordinator knows its cluster address).</summary>
    public void Describe(CoordinatorLockHolder holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        lock (HeldInThisProcess)
        {
            byte[] text = JsonSerializer.SerializeToUtf8Bytes(holder, LockHolderJson.Default.CoordinatorLockHolder);
            _file.SetLength(0);
            _file.Position = 0;
            _file.Write(text);
            _file.Flush(flushToDisk: true);
            HeldInThisProcess[_path] = holder;
        }
    }

    public void Dispose()
    {
        lock (HeldInThisProcess)
        {
            // Closing the file releases the lock.
            HeldInThisProcess.Remove(_path);
            _file.Dispose();
        }
    }

    private static CoordinatorLockHolder? Held(string path)
    {
        lock (HeldInThisProcess)
        {
            return HeldInThisProcess.GetValueOrDefault(path);
        }
    }

    /// <summary>
    /// Opens the lock file; null when it is held and this system can only say so by refusing to open it (macOS, where
    /// .NET has no record locks: there the exclusive open, a flock, is the lock, and the holder cannot be named).
    /// </summary>
    private static FileStream? OpenLockFile(string path, FileMode mode)
    {
        if (!OperatingSystem.IsMacOS())
        {
            return new FileStream(path, mode, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        }

        try
        {
            return new FileStream(path, mode, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }

    private static bool TryLock(FileStream file)
    {
        if (OperatingSystem.IsMacOS())
        {
            return true;
        }

        try
        {
            file.Lock(LockedByte, 1);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The holder's description; null when it cannot be read (it has not written it yet, or it is not JSON).</summary>
    private static CoordinatorLockHolder? ReadHolder(FileStream file)
    {
        try
        {
            file.Position = 0;
            var buffer = new byte[Math.Min(file.Length, 64 * 1024)];
            file.ReadExactly(buffer);
            return JsonSerializer.Deserialize(buffer, LockHolderJson.Default.CoordinatorLockHolder);
        }
        catch (Exception exception) when (exception is IOException or JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// The process that runs a store's sweep, as its lock file describes it: the host and process id, what it runs and
/// since when, and the host:port workers join (null until its cluster has started).
/// </summary>
public sealed record CoordinatorLockHolder(string Host, int ProcessId, string Sweep, string Command, DateTimeOffset Since, string? Seed = null);

/// <summary>Another process (or another coordinator in this one) runs a sweep into the store; <see cref="Holder"/> says which.</summary>
public sealed class StoreInUseException : TrialStoreException
{
    public StoreInUseException(string lockPath, CoordinatorLockHolder? holder)
        : base(holder is null
            ? $"another process holds the coordinator's lock {lockPath}"
            : $"process {holder.ProcessId} on host {holder.Host} runs sweep '{holder.Sweep}' into this store (`sweep {holder.Command}`, since {holder.Since.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC)")
    {
        LockPath = lockPath;
        Holder = holder;
    }

    public string LockPath { get; }

    public CoordinatorLockHolder? Holder { get; }
}
