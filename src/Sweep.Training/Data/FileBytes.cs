namespace Sweep.Training.Data;

/// <summary>
/// Reads a whole file once, through one sequential stream, so that a pipe or FIFO (<c>/dev/fd/3</c>, a
/// <c>mkfifo</c> path) works as well as a regular file: it can be read only once, and has no length to ask for. The
/// size is bounded while reading, so <c>/dev/zero</c> or a file far beyond memory is refused instead of exhausting it.
/// </summary>
public static class FileBytes
{
    /// <summary>
    /// The file's bytes; a missing file, a directory, an unreadable file or one over <paramref name="maxBytes"/> throws
    /// a <see cref="DatasetException"/> whose message names <paramref name="what"/> (<c>data file</c>) and the path.
    /// </summary>
    public static byte[] Read(string path, string what, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(what);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBytes, Array.MaxLength);
        if (Directory.Exists(path))
        {
            throw new DatasetException($"the {what} '{path}' is a directory, not a file (looked at {Path.GetFullPath(path)})", path, null, null);
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, FileOptions.SequentialScan);
            var bytes = new MemoryStream();
            byte[] chunk = new byte[1 << 16];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (bytes.Length + read > maxBytes)
                {
                    throw new DatasetException(
                        $"the {what} '{path}' is larger than {Describe(maxBytes)}, the most Sweep reads; use a smaller file", path, null, null);
                }

                bytes.Write(chunk, 0, read);
            }

            return bytes.ToArray();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DatasetException($"the {what} '{path}' does not exist (looked for {Path.GetFullPath(path)})", path, null, null, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new DatasetException($"the {what} '{path}' cannot be read: {e.Message}", path, null, null, e);
        }
    }

    /// <summary>A byte count for messages: <c>1 MB</c>, <c>1 GB</c>, or the count itself.</summary>
    public static string Describe(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => $"{bytes >> 30} GB",
        >= 1L << 20 when bytes % (1L << 20) == 0 => $"{bytes >> 20} MB",
        _ => $"{bytes} bytes",
    };
}
