using Spectre.Console;

namespace Sweep.Cli.Output;

/// <summary>
/// A table of plain-text cells with a header row, as the listings print it: Spectre.Console's table with the simple
/// border (<see cref="ToSpectre"/>), or the same characters written directly (<see cref="TryWritePlain"/>) where no
/// terminal needs Spectre's measuring, wrapping or colours. Setting Spectre's rendering up costs a query about 50 ms
/// of a 150 ms budget, most of it compiling generic code that ReadyToRun cannot precompile.
/// </summary>
internal sealed class TextTable
{
    private readonly List<(string Header, bool RightAligned)> _columns = [];
    private readonly List<string[]> _rows = [];

    public int ColumnCount => _columns.Count;

    public TextTable AddColumn(string header, bool rightAligned = false)
    {
        _columns.Add((header, rightAligned));
        return this;
    }

    /// <summary>
    /// A row of cells, one per column, as they are to read (Spectre's markup is escaped for them). The table keeps the
    /// array: a listing of 20,000 trials makes no second copy of its rows.
    /// </summary>
    public void AddRow(string[] cells)
    {
        if (cells.Length != _columns.Count)
        {
            throw new ArgumentException($"a row of {cells.Length} cells for {_columns.Count} columns", nameof(cells));
        }

        _rows.Add(cells);
    }

    public Table ToSpectre()
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var (header, rightAligned) in _columns)
        {
            var column = new TableColumn(Markup.Escape(header));
            table.AddColumn(rightAligned ? column.RightAligned() : column);
        }

        foreach (string[] row in _rows)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }

        return table;
    }

    /// <summary>
    /// Writes what Spectre writes for <see cref="ToSpectre"/> on a console <paramref name="width"/> cells wide with
    /// the simple border: a line of spaces, the header, a rule of U+2500 (when there are rows), the rows and a line of spaces, each cell
    /// padded by a space either side and columns apart by one more. Only for tables that need nothing of Spectre's
    /// measuring: printable ASCII cells (one cell wide per character) in a table no wider than the console; false,
    /// having written nothing, for any other.
    /// </summary>
    public bool TryWritePlain(TextWriter output, int width)
    {
        int[] widths = [.. _columns.Select(c => c.Header.Length)];
        bool plain = _columns.Count > 0 && _columns.All(c => IsPlain(c.Header));
        foreach (string[] row in _rows)
        {
            for (int i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
                plain = plain && IsPlain(row[i]);
            }
        }

        int total = 2 + widths.Sum(w => w + 2) + Math.Max(0, widths.Length - 1);
        if (!plain || total > width)
        {
            return false;
        }

        // One line at a time into the writer: 20,000 rows are megabytes that need not be held twice.
        var line = new System.Text.StringBuilder(total + 1);
        output.Write(line.Append(' ', total).Append('\n'));
        WriteLine(output, line, [.. _columns.Select(c => c.Header)], widths);
        if (_rows.Count > 0)
        {
            output.Write(line.Clear().Append('\u2500', total).Append('\n'));
        }

        foreach (string[] row in _rows)
        {
            WriteLine(output, line, row, widths);
        }

        output.Write(line.Clear().Append(' ', total).Append('\n'));
        return true;
    }

    private void WriteLine(TextWriter output, System.Text.StringBuilder line, string[] cells, int[] widths)
    {
        line.Clear().Append(' ');
        for (int i = 0; i < cells.Length; i++)
        {
            line.Append(i == 0 ? " " : "  ");
            int pad = widths[i] - cells[i].Length;
            if (_columns[i].RightAligned)
            {
                line.Append(' ', pad).Append(cells[i]);
            }
            else
            {
                line.Append(cells[i]).Append(' ', pad);
            }

            line.Append(' ');
        }

        output.Write(line.Append(" \n"));
    }

    /// <summary>
    /// Printable ASCII only, by a plain loop: through <c>ContainsAnyExceptInRange</c> and <c>Enumerable.All</c> the
    /// check allocated about 80 bytes a cell in the published program, and checking the 240,000 cells of a listing
    /// of 20,000 trials took 70-80 ms of its 480 (<c>benchmarks/e2e/queries.sh</c> on a 2-core AMD EPYC).
    /// </summary>
    private static bool IsPlain(string cell)
    {
        foreach (char c in cell)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
