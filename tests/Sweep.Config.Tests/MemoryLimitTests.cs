using Sweep.Config.Parsing;

namespace Sweep.Config.Tests;

// [65536, 65536] wrapped to a zero-length parameter vector in 32 bits, and [20000, 20000] was accepted and ran out of
// memory: the parser now sizes every trial in 64 bits and refuses what cannot fit.
public sealed class MemoryLimitTests : IDisposable
{
    private const long EightGigabytes = 8L << 30;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Sweep(string model, string search = "") => $"""
        name: memory
        dataset: {"{"} train: data/circles_train.csv, test: data/circles_test.csv {"}"}
        model: {model}
        {search}
        """;

    private SweepDefinition Parse(string text, long availableMemory) =>
        SweepFileParser.Parse(text, Path.Combine(_folder.Path, "sweep.yaml"), "hash", availableMemory);

    [Fact]
    public void Layers_whose_parameters_exceed_a_dotnet_array_are_refused_at_hidden()
    {
        var e = Assert.Throws<SweepFileException>(() => Parse(Sweep("{ hidden: [65536, 65536] }"), long.MaxValue));

        SweepFileError error = Assert.Single(e.Errors);
        Assert.Equal(("model.hidden", 3), (error.KeyPath, error.Line));
        Assert.Equal(
            "a trial with hidden layers [65536, 65536] needs an array of 4,295,294,977 numbers (4,295,294,977 parameters), more than one .NET array holds (2,147,483,591); use smaller layers or a smaller batch_size",
            error.Problem);
    }

    [Fact]
    public void A_trial_that_needs_more_memory_than_the_machine_gives_is_refused_at_hidden_with_the_estimate()
    {
        var e = Assert.Throws<SweepFileException>(() => Parse(Sweep("{ hidden: [20000, 20000] }"), EightGigabytes));

        SweepFileError error = Assert.Single(e.Errors);
        Assert.Equal(("model.hidden", 3), (error.KeyPath, error.Line));
        Assert.StartsWith("a trial with hidden layers [20000, 20000] needs about 9.", error.Problem, StringComparison.Ordinal);
        Assert.EndsWith(
            " GB of memory (400,100,001 parameters, with their gradients, optimizer state, activations and gradient check), but this machine gives .NET 8.0 GB; use smaller layers or a smaller batch_size",
            error.Problem);
    }

    [Fact]
    public void Only_the_search_values_that_cannot_fit_are_refused_each_at_its_place()
    {
        var e = Assert.Throws<SweepFileException>(() => Parse(
            Sweep("{ activation: relu }", "search:\n  hidden: [[10, 5], [20000, 20000]]\n  seed: [1, 2]"), EightGigabytes));

        SweepFileError error = Assert.Single(e.Errors);
        Assert.Equal(("search.hidden[1]", 5), (error.KeyPath, error.Line));
    }

    [Fact]
    public void The_same_network_fits_a_machine_with_enough_memory_and_reports_its_estimate()
    {
        SweepDefinition sweep = Parse(Sweep("{ hidden: [20000, 20000] }"), 64L << 30);

        Assert.InRange(sweep.LargestTrialMemoryBytes, 9L << 30, 10L << 30);
        Assert.Equal((300 + 100) * ((2 * 8) + 4), sweep.DataMemoryBytes);
    }

    [Fact]
    public void A_small_sweep_needs_little_and_says_so()
    {
        SweepDefinition sweep = SweepFile.Load(_folder.Write("sweep.yaml", SweepFiles.IssueExample));

        Assert.InRange(sweep.LargestTrialMemoryBytes, 100_000, 2_000_000);
    }
}
