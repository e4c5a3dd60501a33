using Sweep.Cli.Commands;

namespace Sweep.Cli.Output;

/// <summary>
/// Writes a command's output file without ever destroying what was there: a sweep store (a LiteDB file) is never
/// written over, another existing file only with <c>--force</c>, and a regular file is replaced in one rename, so a
/// failed write (a full disk) leaves the old file as it was. An existing empty file or a device (<c>/dev/stdout</c>)
/// holds nothing to lose and is written in place.
/// </summary>
internal static class OutputFile
{
    public static void Write(string path, string text, bool force, string option = "--out")
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliException($"{option} is empty: give the file to write");
        }

        // Through a link, the file behind it is the one written (and replaced), never the link itself.
        string fullPath = Path.GetFullPath(path);
        if (new FileInfo(fullPath).LinkTarget is not null && File.ResolveLinkTarget(fullPath, returnFinalTarget: true) is { } target)
        {
            fullPath = target.FullName;
        }

        if (Directory.Exists(fullPath))
        {
            throw new CliException($"{option} {path} is a directory: give a file name, such as {Path.Combine(path, "model.json")}");
        }

        string? folder = Path.GetDirectoryName(fullPath);
        if (!File.Exists(fullPath) && fullPath == Path.GetFullPath(path) && folder is not null && !Directory.Exists(folder))
        {
            throw new CliException($"{option} {path}: the directory {folder} does not exist");
        }

        // A device or a pipe (/dev/stdout, a FIFO) reads as an empty file, or as no file at all behind /proc's links
        // ("pipe:[...]"): it holds nothing to lose, and is written in place, never opened to be read.
        bool exists = File.Exists(fullPath);
        long length = exists ? new FileInfo(fullPath).Length : 0;
        bool throughLink = fullPath != Path.GetFullPath(path);
        bool inPlace = (exists && length == 0) || (throughLink && !exists);
        if (exists && Sweep.Storage.TrialStore.IsStoreFile(fullPath))
        {
            throw new CliException($"{option} {path} is a sweep store (a LiteDB database); writing there would destroy it. Choose another file name")
            {
                ExitCode = ExitCodes.Refused,
            };
        }

        string name = Path.GetFileNameWithoutExtension(fullPath);
        if (name.EndsWith("-log", StringComparison.Ordinal)
            && Path.Combine(folder ?? ".", name[..^"-log".Length] + Path.GetExtension(fullPath)) is var store
            && Sweep.Storage.TrialStore.IsStoreFile(store))
        {
            throw new CliException($"{option} {path} would be taken for the write-ahead log of the sweep store {store}, which would then refuse to open. Choose another file name")
            {
                ExitCode = ExitCodes.Refused,
            };
        }

        if (exists && length > 0 && !force)
        {
            throw new CliException($"{option} {path} already exists ({length} bytes); pass --force to replace it, or choose another file name")
            {
                ExitCode = ExitCodes.Refused,
            };
        }

        try
        {
            if (inPlace)
            {
                File.WriteAllText(exists ? fullPath : path, text);
            }
            else
            {
                ReplaceAtomically(fullPath, text);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write {option} {path}: {exception.Message}", exception);
        }
    }

    private static void ReplaceAtomically(string fullPath, string text)
    {
        string temporary = Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(text);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
