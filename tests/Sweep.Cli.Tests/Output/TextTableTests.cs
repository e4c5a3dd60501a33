using Spectre.Console;
using Sweep.Cli.Output;

namespace Sweep.Cli.Tests.Output;

/// <summary>A listing written directly is, byte for byte, what Spectre.Console writes for it on the plain console.</summary>
public sealed class TextTableTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(5, 7)]
    [InlineData(11, 40)]
    public void A_table_written_directly_is_what_Spectre_writes_for_it(int columns, int rows)
    {
        var random = new Random((columns * 1000) + rows);
        var table = new TextTable();
        for (int c = 0; c < columns; c++)
        {
            table.AddColumn(Text(random, 1, 14), rightAligned: random.Next(2) == 0);
        }

        for (int r = 0; r < rows; r++)
        {
            table.AddRow([.. Enumerable.Range(0, columns).Select(_ => Text(random, 0, 20))]);
        }

        var direct = new StringWriter();
        Assert.True(table.TryWritePlain(direct, 4096));
        Assert.Equal(Spectre(table, 4096), direct.ToString());
    }

    [Fact]
    public void Markup_brackets_in_a_cell_are_written_as_they_read()
    {
        var table = new TextTable().AddColumn("hidden").AddColumn("value", rightAligned: true);
        table.AddRow(["[20,3]", "[bold]x[/]"]);

        var direct = new StringWriter();
        Assert.True(table.TryWritePlain(direct, 4096));
        Assert.Equal(Spectre(table, 4096), direct.ToString());
        Assert.Contains("[bold]x[/]", direct.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_wider_than_the_console_or_with_wide_characters_is_left_to_Spectre()
    {
        var wide = new TextTable().AddColumn("a").AddColumn("b");
        wide.AddRow([new string('x', 30), new string('y', 30)]);
        var unicode = new TextTable().AddColumn("initializer");
        unicode.AddRow(["gewichtsinitialisierung \u00e4"]);

        Assert.False(wide.TryWritePlain(new StringWriter(), 40));
        Assert.False(unicode.TryWritePlain(new StringWriter(), 4096));
    }

    private static string Spectre(TextTable table, int width)
    {
        var output = new StringWriter { NewLine = "\n" };
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = width;
        console.Profile.Capabilities.Unicode = true;
        console.Write(table.ToSpectre());
        return output.ToString();
    }

    /// <summary>Printable ASCII of a random length, with the characters tables meet: digits, dots, brackets, spaces.</summary>
    private static string Text(Random random, int shortest, int longest)
    {
        const string alphabet = "abcxyz0123456789._-[]:/ e+";
        return new string([.. Enumerable.Range(0, random.Next(shortest, longest + 1)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
    }
}
