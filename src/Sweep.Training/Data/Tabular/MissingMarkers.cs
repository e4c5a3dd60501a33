namespace Sweep.Training.Data.Tabular;

/// <summary>
/// The cell texts that stand for a missing value, as pandas' <c>read_csv</c> reads them by default (NA, N/A, NaN, null,
/// None and the spreadsheet error forms): a feature cell that reads one of them is missing, as an empty cell is. Without
/// them a table exported from R or pandas, which write NA for a missing number, had that column read as categorical,
/// every number a category of its own.
/// </summary>
internal static class MissingMarkers
{
    /// <summary>pandas' default <c>na_values</c> but the empty string, which is missing here already.</summary>
    public static IReadOnlyList<string> All { get; } =
        ["#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"];

    public static bool Marks(ReadOnlySpan<char> cell)
    {
        foreach (string marker in All)
        {
            if (cell.SequenceEqual(marker))
            {
                return true;
            }
        }

        return false;
    }
}
