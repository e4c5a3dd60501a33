using System.Runtime;

namespace Sweep.Cli;

/// <summary>
/// Multi-core JIT for the start of each command. ReadyToRun cannot precompile everything a start runs (generic code
/// over the framework's types, the engine's vector kernels, code emitted at run time), and with tiered compilation off
/// each of those methods is compiled fully optimized on the thread that needs it. The runtime records which methods a
/// command compiled, and at the command's next start compiles them on a second core ahead of the first one. One
/// profile per command, kept in the user's cache; a profile of another build is ignored by the runtime.
/// </summary>
internal static class StartupProfile
{
    /// <summary>
    /// Set for a program that starts with a profile its own build recorded: the runtime then plays it back and does not
    /// record it again, which for <c>sweep run</c> was about 21,000 writes of a few bytes at exit (40 ms). It is read
    /// as the runtime starts, so the native front sets it for the program it hands a command to (NativeFront).
    /// </summary>
    public const string PlaybackOnlyVariable = "DOTNET_MultiCoreJitNoProfileGather";

    public static void Start(IEnumerable<string> commands, string[] args)
    {
        string command = args.Length > 0 && commands.Contains(args[0], StringComparer.Ordinal) ? args[0] : "sweep";
        string? folder = Folder();
        if (folder is null)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A read-only home only loses the head start.
            return;
        }

        ProfileOptimization.SetProfileRoot(folder);
        ProfileOptimization.StartProfile($"{command}.jitprofile");
    }

    /// <summary>
    /// Where <paramref name="command"/> keeps its profile (null without a home or cache folder).
    /// </summary>
    public static string? PathFor(string command) => Folder() is { } folder ? Path.Combine(folder, $"{command}.jitprofile") : null;

    /// <summary>
    /// True when the profile at <paramref name="profile"/> was recorded after <paramref name="program"/> was written,
    /// that is by this build: the runtime passes over a profile of another build, which must be recorded again.
    /// </summary>
    public static bool IsRecordedAfter(string profile, string program)
    {
        var recorded = new FileInfo(profile);
        var built = new FileInfo(program);
        return recorded.Exists && recorded.Length > 0 && built.Exists && recorded.LastWriteTimeUtc > built.LastWriteTimeUtc;
    }

    private static string? Folder()
    {
        string? cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache))
        {
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (string.IsNullOrEmpty(home))
            {
                return null;
            }

            cache = Path.Combine(home, ".cache");
        }

        return Path.Combine(cache, "sweep", "jit");
    }
}
