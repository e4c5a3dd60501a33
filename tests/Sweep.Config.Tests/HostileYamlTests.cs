using System.Text;
using static Sweep.Config.Tests.SweepFiles;

namespace Sweep.Config.Tests;

// YamlDotNet's representation model recurses once per level and resolves aliases into a shared graph: without the
// limits a deep file overflows the stack (which kills the process) and a "billion laughs" file never finishes.
public sealed class HostileYamlTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_hundred_thousand_opening_brackets_are_refused_where_the_nesting_passes_64()
    {
        var e = Reject(_folder, "name: deep\nsearch: " + new string('[', 100_000));

        // The root mapping is level 1 and the first '[' (column 9) level 2, so the 64th '[' is the 65th level.
        SweepFileError error = Assert.Single(e.Errors);
        Assert.Equal((2, 9 + 63), (error.Line, error.Column));
        Assert.StartsWith("the lists and mappings nest more than 64 deep here", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_mappings_are_refused_too()
    {
        var text = new StringBuilder("name: deep\nmodel: ");
        for (int i = 0; i < 5000; i++)
        {
            text.Append("{a: ");
        }

        var e = Reject(_folder, text.ToString());

        Assert.Contains("nest more than 64 deep", Assert.Single(e.Errors).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_of_64_levels_is_read_and_judged_as_settings()
    {
        var e = Reject(_folder, "name: deep\nmodel: " + new string('[', 63) + new string(']', 63) + "\n");

        Assert.DoesNotContain(e.Errors, x => x.Problem.Contains("nest more than", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.KeyPath == "model" && x.Problem.StartsWith("expected a mapping", StringComparison.Ordinal));
    }

    [Fact]
    public void A_billion_laughs_of_aliases_is_refused_before_it_is_expanded()
    {
        var text = new StringBuilder("name: laughs\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++)
        {
            text.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        var e = Reject(_folder, text.ToString());

        SweepFileError error = Assert.Single(e.Errors);
        Assert.Equal(6, error.Line);
        Assert.Equal("the document holds more than 100000 values once its aliases (*name) are expanded; a sweep file needs a few hundred", error.Problem);
    }

    [Fact]
    public void Aliases_nested_past_64_levels_are_refused()
    {
        var text = new StringBuilder("name: deep\nd0: &d0 [1]\n");
        for (int i = 1; i <= 70; i++)
        {
            text.Append($"d{i}: &d{i} [*d{i - 1}]\n");
        }

        var e = Reject(_folder, text.ToString());

        Assert.Contains("nest more than 64 deep", Assert.Single(e.Errors).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_inside_the_node_it_names_is_refused()
    {
        var e = Reject(_folder, "name: loop\nsearch: &s { seed: *s }\n");

        Assert.Contains(e.Errors, x => x.Line == 2 && x.Problem.Contains("*s", StringComparison.Ordinal));
    }

    [Fact]
    public void Ordinary_anchors_and_aliases_still_work()
    {
        SweepDefinition sweep = SweepFile.Load(_folder.Write("sweep.yaml", """
            name: aliases
            dataset: { train: data/circles_train.csv, test: data/circles_test.csv }
            model: { hidden: [4] }
            search:
              seed: &seeds [1, 2]
              dropout_seed: *seeds
            """));

        Assert.Equal(4, sweep.ExpandTrials().Count);
    }

    [Fact]
    public void A_sweep_file_over_a_megabyte_is_refused_unparsed()
    {
        var e = Reject(_folder, "name: big\n" + new string('#', 1 << 20));

        Assert.EndsWith("sweep.yaml: the sweep file is larger than 1 MB, the most Sweep reads; use a smaller file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_given_as_the_sweep_file_is_named_a_directory()
    {
        var e = Assert.Throws<SweepFileException>(() => SweepFile.Load(Path.Combine(_folder.Path, "data")));

        Assert.Contains("the sweep file is a directory, not a file", e.Message, StringComparison.Ordinal);
    }
}
