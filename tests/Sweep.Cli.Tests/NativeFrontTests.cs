namespace Sweep.Cli.Tests;

// Which commands the native front of an installed sweep answers itself, and which it hands to sweep-node (NativeFront).
// tests/e2e/installed.sh runs both programs of the README's install and compares what they print.
public class NativeFrontTests
{
    [Fact]
    public void The_front_answers_the_read_only_commands_and_hands_over_the_rest_and_the_help()
    {
        Assert.All(new[] { "best", "trials", "show", "validate" }, command => Assert.True(NativeFront.AnswersItself([command, "--help"]), command));
        Assert.False(NativeFront.AnswersItself([]));
        Assert.All(
            new[] { "run", "coordinator", "worker", "export-model", "predict", "diagnose", "report", "rerun", "check", "--help", "-h", "--version", "Best", "unknown" },
            command => Assert.False(NativeFront.AnswersItself([command, "x"]), command));
    }

    [Fact]
    public void The_managed_program_answers_every_command_itself()
    {
        Assert.False(NativeFront.IsNativeFront);
        Assert.Null(NativeFront.HandOver(["run", "sweep.yaml"]));
    }
}
