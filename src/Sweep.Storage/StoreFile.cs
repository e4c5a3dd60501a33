using System.Text.RegularExpressions;

namespace Sweep.Storage;

/// <summary>
/// Checks on the store's file made before LiteDB sees it. LiteDB takes a file shorter than its header page for a new
/// database and initializes it, and reads fields of the header before it checks the page's signature, so a truncated
/// store would be silently re-created and a file of another kind would fail with whatever its bytes happen to cause.
/// </summary>
internal static partial class StoreFile
{
    /// <summary>LiteDB 5 writes whole pages of 8 KiB; the first is the header.</summary>
    public const int PageSize = 8192;

    private const int SignatureOffset = 32;
    private const int VersionOffset = 59;
    private const int LastPageIdOffset = 64;

    /// <summary>The header's creation time, 8 bytes: the same in every copy of one store's header, and in no other store's.</summary>
    private const int CreationTimeOffset = 68;
    private const byte HeaderPageType = 1;

    /// <summary>LiteDB 5's page types: empty, header, collection, index, data.</summary>
    private const byte MaxPageType = 4;
    private const byte FileVersion = 8;
    private const string Signature = "** This is a LiteDB file **";
    private const int ENOSPC = 28;

    /// <summary>How often, and how far apart, a file that looks damaged is looked at before it is called damaged.</summary>
    private const int DamageLooks = 8;

    private static readonly TimeSpan DamageLookInterval = TimeSpan.FromMilliseconds(125);

    /// <summary>
    /// Throws <see cref="TrialStoreException"/> when <paramref name="path"/> is not a file a store can be (a directory,
    /// a device, in a missing directory, of another kind; missing or empty when <paramref name="mustExist"/>), and
    /// <see cref="DamagedStoreException"/> when it is a LiteDB file that is not whole.
    /// </summary>
    public static void RequireUsable(string path, bool mustExist)
    {
        path = Resolved(path);
        if (Directory.Exists(path))
        {
            throw new TrialStoreException($"cannot open the sweep store {path}: it is a directory, not a file");
        }

        if (!File.Exists(path))
        {
            if (mustExist)
            {
                throw new TrialStoreException($"no sweep store at {path}: the file does not exist (run a sweep first, or pass the right --db)");
            }

            string? directory = Path.GetDirectoryName(path);
            if (directory is not null && !Directory.Exists(directory))
            {
                throw new TrialStoreException($"cannot create the sweep store {path}: the directory {directory} does not exist");
            }

            return;
        }

        long length = new FileInfo(path).Length;
        if (length == 0)
        {
            if (mustExist)
            {
                throw new TrialStoreException($"{path} is empty: no sweep has stored anything in it (run a sweep first, or pass the right --db)");
            }

            return;
        }

        // These checks run outside LiteDB's lock, so a sweep writing the store from another process can be caught half
        // way through a page or a checkpoint; damage is what is still there when the file has been looked at again.
        for (int look = 1; ; look++)
        {
            try
            {
                RequireWhole(path);
                return;
            }
            catch (DamagedStoreException) when (look < DamageLooks)
            {
                Thread.Sleep(DamageLookInterval);
            }
        }
    }

    private static void RequireWhole(string path)
    {
        long length = new FileInfo(path).Length;
        uint lastPageId = RequireHeader(path, length);

        // LiteDB would take a file shorter than one page for a new one and initialize it over the rest, and would read
        // a file cut short of its last pages as if nothing were missing.
        if (length < PageSize || length % PageSize != 0)
        {
            throw new DamagedStoreException(
                $"the sweep store {path} is damaged: it is {length} byte{(length == 1 ? "" : "s")} long, not a whole number of LiteDB's {PageSize}-byte pages, " +
                "so it was cut short or written over. Nothing was changed; `sweep check` says what can still be read, and a copy of the file is worth keeping");
        }

        // The header names the last page LiteDB wrote; a file cut at a page boundary lacks it.
        long pagesNamed = (long)lastPageId + 1;
        if (pagesNamed * PageSize > length)
        {
            throw new DamagedStoreException(
                $"the sweep store {path} is damaged: its header names {pagesNamed} pages of {PageSize} bytes, but the file holds {length / PageSize}, " +
                "so it was cut short. Nothing was changed; `sweep check` says what can still be read, and a copy of the file is worth keeping");
        }

        RequireOwnLog(path, lastPageId);
    }

    /// <summary>
    /// The file a link points at, through every link (a store or an output reached through a symbolic link is the
    /// file behind it); a link to nothing is refused.
    /// </summary>
    public static string Resolved(string path)
    {
        FileSystemInfo? target;
        try
        {
            target = new FileInfo(path).LinkTarget is null ? null : File.ResolveLinkTarget(path, returnFinalTarget: true);
        }
        catch (IOException exception)
        {
            throw new TrialStoreException($"{path} is a link that cannot be followed: {Clean(exception.Message)}", exception);
        }

        if (target is null)
        {
            return path;
        }

        if (!target.Exists && !Directory.Exists(target.FullName))
        {
            throw new TrialStoreException($"{path} is a link to {target.FullName}, which does not exist");
        }

        return target.FullName;
    }

    /// <summary>
    /// LiteDB's write-ahead log beside the store (<c>name-log.db</c>) is left by a write that was interrupted, and
    /// LiteDB copies its pages into the store unchecked when it next opens it, each at the place the page names: a log
    /// that is not the store's own would write over the store (or make it terabytes long). Each of its pages must be a
    /// whole page of a known type that names a page the store has or the log adds.
    /// </summary>
    private static void RequireOwnLog(string path, uint lastPageId)
    {
        string log = Path.Combine(Path.GetDirectoryName(path) ?? ".", $"{Path.GetFileNameWithoutExtension(path)}-log{Path.GetExtension(path)}");
        try
        {
            RequireOwnLog(path, log, lastPageId);
        }
        catch (FileNotFoundException)
        {
            // A sweep writing from another process checkpointed its log and deleted it: there is nothing left to check.
        }
    }

    private static void RequireOwnLog(string path, string log, uint lastPageId)
    {
        if (!File.Exists(log) || new FileInfo(log).Length == 0)
        {
            return;
        }

        long length = new FileInfo(log).Length;
        if (length % PageSize != 0)
        {
            throw new DamagedStoreException(
                $"the write-ahead log beside the sweep store, {log}, is damaged: it is {length} bytes long, not a whole number of {PageSize}-byte pages. " +
                "Nothing was changed. It holds the last writes of an interrupted run; move it away to open the store as it was before them");
        }

        long pages = length / PageSize;
        byte[] created = ReadAt(path, 0, CreationTimeOffset + sizeof(long))[CreationTimeOffset..];
        var header = new byte[CreationTimeOffset + sizeof(long)];
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        for (long page = 0; page < pages; page++)
        {
            stream.Position = page * PageSize;
            if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            {
                // A sweep writing from another process checkpointed the log and emptied it while it was read.
                throw new DamagedStoreException(
                    $"the write-ahead log beside the sweep store, {log}, got shorter while it was read (from {length} bytes to {new FileInfo(log).Length}). " +
                    "Nothing was changed. If no sweep is writing the store, the log is cut short: move it away to open the store as it was before its writes");
            }

            uint pageId = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(header);
            byte pageType = header[4];
            bool foreignHeader = pageId == 0 && pageType == HeaderPageType && !header.AsSpan(CreationTimeOffset).SequenceEqual(created);
            if (pageType > MaxPageType || pageId > (long)lastPageId + pages || foreignHeader)
            {
                string why = foreignHeader
                    ? "its copy of the store's header was made for a store created at another time"
                    : $"its page {page} names page {pageId} of type {pageType}, where the store has {(long)lastPageId + 1} pages";
                throw new DamagedStoreException(
                    $"the write-ahead log beside the sweep store, {log}, is not this store's: {why}. Nothing was changed; move the log away to open the store");
            }
        }
    }

    /// <summary>The exception for a file LiteDB failed to read, naming the file and what failed.</summary>
    public static DamagedStoreException Damaged(string path, Exception exception) => new(
        $"the sweep store {path} is damaged: {Clean(exception.Message)} ({exception.GetType().Name}). Nothing was written to it; " +
        $"`sweep check --db {path}` says what can still be read",
        exception);

    /// <summary>
    /// An exception's message as one clause of ours: its first line, without the format placeholders LiteDB leaves
    /// unfilled ("Page type must be data page: {0}") or a closing period.
    /// </summary>
    public static string Clean(string message) => Placeholder().Replace(message.Split('\n')[0], "?").Trim().TrimEnd('.');

    /// <summary>
    /// After a failed open of a file that was empty: a device or pipe (<c>/dev/null</c>) keeps nothing LiteDB writes,
    /// and reading its header back fails with a message about sequences. Null when the file did take the header.
    /// </summary>
    public static TrialStoreException? NotAFileThatKeepsData(string path) =>
        File.Exists(path) && new FileInfo(path).Length == 0
            ? new TrialStoreException($"{path} cannot hold a sweep store: what is written to it does not stay (a device or a pipe?); pass a regular file")
            : null;

    /// <summary>The space left on the file system that holds <paramref name="path"/>; null where it cannot be told.</summary>
    public static long? FreeSpace(string path)
    {
        try
        {
            return new DriveInfo(Path.GetDirectoryName(path) ?? path).AvailableFreeSpace;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    public static bool IsNoSpace(Exception exception) => exception.HResult == ENOSPC || exception.Message.Contains("No space left", StringComparison.Ordinal);

    /// <summary>
    /// How long the file must be to hold every page its header names, in whole pages; longer than the file when it
    /// was cut short.
    /// </summary>
    public static long WholeLength(string path)
    {
        long length = new FileInfo(path).Length;
        long pages = (length + PageSize - 1) / PageSize;
        long named = (long)ReadHeader(path).LastPageId + 1;
        return Math.Max(pages, named) * PageSize;
    }

    /// <summary>Whether the file starts with LiteDB's header signature; false for a file that cannot be read.</summary>
    public static bool HasSignature(string path)
    {
        try
        {
            return ReadHeader(path).Signed;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Checks the signature and format; returns the id of the last page the header says was written.</summary>
    private static uint RequireHeader(string path, long length)
    {
        (bool signed, byte version, uint lastPageId) header;
        try
        {
            header = ReadHeader(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new TrialStoreException(
                $"the sweep store {path} is locked or unreadable: {exception.Message}. Another program may hold it open", exception);
        }

        if (!header.signed)
        {
            throw new TrialStoreException(
                $"{path} is not a sweep store: it is not a LiteDB database (its first bytes lack the LiteDB signature, {length} bytes in all). " +
                "Pass the sweep store's file, or a new file name");
        }

        if (header.version != FileVersion)
        {
            throw new TrialStoreException($"{path} is a LiteDB database of file format {header.version}, not {FileVersion} (LiteDB 5): this version cannot open it");
        }

        return header.lastPageId;
    }

    private static byte[] ReadAt(string path, long offset, int count)
    {
        var bytes = new byte[count];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Position = offset;
        stream.ReadAtLeast(bytes, count, throwOnEndOfStream: false);
        return bytes;
    }

    private static (bool Signed, byte Version, uint LastPageId) ReadHeader(string path)
    {
        var header = new byte[LastPageIdOffset + sizeof(uint)];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        int read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        bool signed = read == header.Length && System.Text.Encoding.ASCII.GetString(header, SignatureOffset, Signature.Length) == Signature;
        return (signed, header[VersionOffset], System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(LastPageIdOffset)));
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
