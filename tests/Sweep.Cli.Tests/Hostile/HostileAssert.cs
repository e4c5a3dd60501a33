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

    /// <summary>The error is one line starting "sweep:", followed only by the indented items of a list of problems.</summary>
    public static void OneErrorLine(string output, string because)
    {
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        int error = Array.FindIndex(lines, l => l.StartsWith("sweep: ", StringComparison.Ordinal));
        Assert.True(error >= 0, $"{because}: no 'sweep:' line: {output}");
        Assert.All(lines[(error + 1)..], l => Assert.True(l.StartsWith("  ", StringComparison.Ordinal), $"{because}: a second line after the error: {output}"));
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
