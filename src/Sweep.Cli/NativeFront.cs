using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

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

        string node = Path.Combine(AppContext.BaseDirectory, NodeProgram);
        string?[] argv = [node, .. args, null];
        Execute(node, argv);

        // execv returns only when the program could not be started.
        string reason = Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
        Console.Error.WriteLine(CommandLineWords.Printable(
            $"sweep: `sweep {args[0]}` runs in {node}, which could not be started ({reason}); publish sweep as the README's \"Install sweep\" says, which puts both programs in one folder"));
        return ExitCodes.InternalError;
    }

    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Execute(string path, string?[] argv);
}
