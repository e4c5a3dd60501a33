using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Sweep.Cli.Commands;
using Sweep.Storage;

namespace Sweep.Cli;

/// <summary>
/// The installed sweep is two programs in one folder (README, "Install sweep"). <c>sweep</c> is compiled ahead of time
/// to machine code (Native AOT): it starts in a few milliseconds and answers the commands that only read
/// (<c>best</c>, <c>trials</c>, <c>show</c>, <c>validate</c>) itself, and holds only their code. Every other command,
/// and the program's own help and version, it hands to
/// <c>sweep-node</c>, the ReadyToRun program beside it, by replacing itself with it (execv: the same process, standard
/// streams, signals and exit status). Sweeps and nodes need what ahead-of-time code does not give: Akka.NET builds its
/// actors and serializers by reflection, and the JIT compiles the engine's kernels for the processor they run on.
/// <c>dotnet run</c> and the Docker image run one managed program that answers every command itself.
/// </summary>
internal static partial class NativeFront
{
    /// <summary>
    /// Set in the native program only (Sweep.Cli.csproj, SweepNativeFront), where the compiler takes it for a constant
    /// and leaves out the code of the commands handed over: Akka.NET, the engine, the report. A third of the size,
    /// and so of the start-up work (the runtime rebuilds its type data on start).
    /// </summary>
    private const string Switch = "Sweep.Cli.NativeFront";

    public const string NodeProgram = "sweep-node";

    /// <summary>The managed program that <see cref="NodeProgram"/> runs, written when sweep was published.</summary>
    private const string NodeAssembly = "sweep.dll";

    private static readonly string[] Answered = ["best", "trials", "show", "validate"];

    [FeatureSwitchDefinition(Switch)]
    public static bool IsNativeFront => AppContext.TryGetSwitch(Switch, out bool on) && on;

    /// <summary>True when the native program answers <paramref name="args"/> itself: a read-only command.</summary>
    public static bool AnswersItself(string[] args) => args.Length > 0 && Answered.Contains(args[0], StringComparer.Ordinal);

    /// <summary>
    /// In the native program, runs <c>sweep-node</c> in this process's place for a command it does not answer, and
    /// returns only if that cannot start (then with the exit status to end with). Elsewhere it returns null at once.
    /// Called before anything else, so that nothing (a console mode, a thread) is set up for a program that is replaced.
    /// </summary>
    public static int? HandOver(string[] args)
    {
        if (!IsNativeFront || AnswersItself(args))
        {
            return null;
        }

        // The command's start-up profile, recorded by this build, is played back without being recorded again.
        string command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "sweep";
        if (StartupProfile.PathFor(command) is { } profile
            && StartupProfile.IsRecordedAfter(profile, Path.Combine(AppContext.BaseDirectory, NodeAssembly)))
        {
            _ = SetEnvironment(StartupProfile.PlaybackOnlyVariable, "1", 1);
        }

        return HandOverNow(args);
    }

    /// <summary>
    /// In the native program, leaves a query of a store that a sweep holds to <c>sweep-node</c>. LiteDB's shared mode
    /// keeps a reader out of a write in progress with a named mutex, and a natively compiled program's named mutex is
    /// its own: it does not exclude the .NET runtime's programs (.NET 10). The lock a sweep holds on its store
    /// (<see cref="CoordinatorLock"/>) is the kernel's, which both see. A sweep stores its first result well after it
    /// takes that lock (its cluster starts in between), longer than a query reads; the one write before it, where a
    /// sweep's first open brings an older store's indexes and summary pages up to date, can meet a query only once in
    /// a store's life, and a read it spoils fails and is read again by <c>sweep-node</c> (<see cref="ReadsAgain"/>).
    /// </summary>
    public static void LeaveHeldStore(string storePath)
    {
        if (IsNativeFront && !CoordinatorLock.IsFree(storePath))
        {
            throw new CliException(ReplaceWithNode(Environment.GetCommandLineArgs()[1..])) { ExitCode = ExitCodes.InternalError };
        }
    }

    /// <summary>
    /// True in the native program for a failure to read the store: <c>sweep-node</c> then reads it again and says what
    /// it finds. A query prints nothing before it has read what it needs, so nothing is printed twice.
    /// </summary>
    public static bool ReadsAgain(Exception exception) =>
        IsNativeFront && exception is TrialStoreException or CliException { InnerException: TrialStoreException };

    /// <summary>Replaces this process with <c>sweep-node</c>; returns only if that cannot start, with the exit status.</summary>
    public static int HandOverNow(string[] args)
    {
        Console.Error.WriteLine(CommandLineWords.Printable($"sweep: {ReplaceWithNode(args)}"));
        return ExitCodes.InternalError;
    }

    /// <summary>execv; returns only when the program could not be started, with why.</summary>
    private static string ReplaceWithNode(string[] args)
    {
        string node = Path.Combine(AppContext.BaseDirectory, NodeProgram);
        string?[] argv = [node, .. args, null];
        Execute(node, argv);

        string reason = Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
        string command = args.Length > 0 ? $"`sweep {args[0]}`" : "`sweep`";
        return $"{command} runs in {node}, which could not be started ({reason}); publish sweep as the README's \"Install sweep\" says, which puts both programs in one folder";
    }

    /// <summary>setenv: the environment that execv passes on is the C library's, which .NET's own setter leaves as it is.</summary>
    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironment(string name, string value, int overwrite);

    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Execute(string path, string?[] argv);
}
