namespace Sweep.Cli.Tests;

// Which commands interpret the code their libraries generate at run time (RuntimeCode), and how the runtime maps the
// code it compiles (Sweep.Cli.csproj).
[Collection(SweepProcess.Collection)]
public class RuntimeCodeTests
{
    [Fact]
    public void Short_commands_interpret_generated_code_and_the_cluster_nodes_compile_it()
    {
        Assert.All(new[] { "run", "validate", "best", "trials", "show" }, command => Assert.True(RuntimeCode.Interprets([command, "x"]), command));
        Assert.All(new[] { "coordinator", "worker", "report" }, command => Assert.False(RuntimeCode.Interprets([command, "x"]), command));
        Assert.False(RuntimeCode.Interprets([]));
    }

    [Fact]
    public void Validating_a_sweep_file_compiles_no_regular_expression()
    {
        using var folder = new TempFolder();
        string file = folder.SweepFile("one.yaml", """
            name: one
            dataset: { train: "{data}/football_train.csv", test: "{data}/football_test.csv", label: y }
            model: { hidden: [3] }
            """);
        string compiled = folder.File("compiled.txt");

        // The JIT lists every method it compiles; YamlDotNet's parser builds a regular expression with
        // RegexOptions.Compiled on its first document, which a compiling process lists as CompiledRegexRunner methods.
        var (code, output) = SweepProcess.Run(
            folder.Path,
            new Dictionary<string, string> { ["DOTNET_JitStdOutFile"] = compiled, ["DOTNET_JitDisasmSummary"] = "1" },
            "validate",
            file);

        Assert.True(code == 0, output);
        string[] methods = File.ReadAllLines(compiled);
        Assert.Contains(methods, line => line.Contains("YamlDotNet", StringComparison.Ordinal));
        Assert.DoesNotContain(methods, line => line.Contains("CompiledRegexRunner", StringComparison.Ordinal));
    }

    [Fact]
    public void A_running_node_maps_the_code_it_compiles_once_without_write_xor_execute()
    {
        using var folder = new TempFolder();
        using SweepProcess worker = SweepProcess.Start(folder.Path, "worker", "--seed", $"127.0.0.1:{SweepProcess.FreePort()}", "--slots", "1");
        SweepProcess.WaitUntil(() => worker.Output.Contains("joining", StringComparison.Ordinal), TimeSpan.FromMinutes(1), worker);

        // With W^X on, the runtime keeps a second, writable view of each page of code in a memfd named "doublemapper".
        string[] maps = File.ReadAllLines($"/proc/{worker.ProcessId}/maps");
        worker.Kill();

        Assert.Contains(maps, line => line.Contains("libclrjit", StringComparison.Ordinal));
        Assert.DoesNotContain(maps, line => line.Contains("doublemapper", StringComparison.Ordinal));
    }
}
