namespace Sweep.Training.Data;

/// <summary>Where a cell is, to name it in an error: 1-based line, 0-based column index shown 1-based with its name.</summary>
internal readonly record struct CellPosition(string Source, int Line, int ColumnIndex, string ColumnName)
{
    public string Column => $"{ColumnIndex + 1} ({ColumnName})";

    public DatasetException Error(string what) =>
        new($"{Source}, line {Line}, column {Column}: {what}", Source, Line, Column);
}
