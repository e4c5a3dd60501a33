namespace Sweep.Cli;

/// <summary>
/// Whether a command compiles the code its libraries generate at run time or interprets it. Akka.NET compiles each
/// actor's message handlers from expression trees and its HOCON durations through a compiled regular expression,
/// YamlDotNet and LiteDB compile regular expressions, and reflection emits a stub for each constructor it calls. With
/// tiered compilation off, every one of those methods is compiled fully optimized before its first use, and a command
/// that ends within a second never earns that back. The commands named here interpret them (the runtime's
/// IsDynamicCodeSupported switch, read on first use, so it is set before anything else runs); `sweep coordinator` and
/// `sweep worker` serve for as long as a sweep lasts and keep compiled handlers, which carry a trial's messages
/// between processes faster (benchmarks/cluster/throughput.sh).
/// </summary>
internal static class RuntimeCode
{
    private const string DynamicCodeSwitch = "System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported";

    private static readonly string[] Interpreting = ["run", "validate", "best", "trials", "show"];

    /// <summary>True for a command that interprets generated code: the short ones, whose start is most of their time.</summary>
    public static bool Interprets(string[] args) => args.Length > 0 && Interpreting.Contains(args[0], StringComparer.Ordinal);

    public static void ChooseFor(string[] args)
    {
        if (Interprets(args))
        {
            AppContext.SetSwitch(DynamicCodeSwitch, false);
        }
    }
}
