using System.Text.RegularExpressions;

namespace Sweep.Cli.Tests.Hostile;

/// <summary>What every hostile case must show: its exit code, a message naming the problem, and no stack trace.</summary>
internal static partial class HostileAssert
{
    public static void Refused(int expectedExit, string expectedFragment, int exit, string output, string because)
    {
        Assert.True(exit == expectedExit, $"{because}: expected exit {expectedExit}, got {exit}: {output}");
        Assert.True(output.Contains(expectedFragment, StringComparison.OrdinalIgnoreCase), $"{because}: the message lacks '{expectedFragment}': {output}");
        NoStackTrace(output, because);
    }

    public static void NoStackTrace(string output, string because)
    {
        Assert.False(StackFrame().IsMatch(output), $"{because}: a stack trace was printed: {output}");
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("--- End of", output, StringComparison.Ordinal);
        Assert.DoesNotContain("{0}", output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s+at [\w.<>`]+[.(]", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
