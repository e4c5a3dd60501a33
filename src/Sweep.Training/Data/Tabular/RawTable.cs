namespace Sweep.Training.Data.Tabular;

/// <summary>
/// A CSV file's rows before encoding: <see cref="Cells"/> holds a numeric column's values and a categorical column's
/// category codes (an index into <see cref="Categories"/> of that column), NaN for a missing one (empty, or NA and the like), with the labels
/// or target values of the rows kept; rows whose label was empty are not in it. Splitting it (by
/// <see cref="Dataset.Select"/>) keeps the codes, so the encoder can be fitted on the training rows alone.
/// </summary>
/// <param name="Categories">Per feature column, the category texts its codes stand for; null for a numeric column.</param>
/// <param name="LabelColumn">The label column's name.</param>
/// <param name="MissingLabelRows">Rows left out because their label cell was empty.</param>
/// <param name="DroppedRows">Rows left out for an empty feature cell (<see cref="MissingValues.Drop"/>).</param>
/// <param name="EmptyCells">Missing feature cells (empty, or NA and the like) in the rows kept.</param>
public sealed record RawTable(
    Dataset Cells, IReadOnlyList<IReadOnlyList<string>?> Categories, string LabelColumn, int MissingLabelRows, int DroppedRows, int EmptyCells)
{
    /// <summary>
    /// Feature cells read as missing values for what they say (NA, null and the rest of <see cref="MissingMarkers"/>),
    /// in every row read; they are among <see cref="EmptyCells"/> in the rows kept.
    /// </summary>
    public int MarkedCells { get; init; }

    /// <summary>Rows read to predict on: each row's label cell as text (null when the file has no label column); null otherwise.</summary>
    public IReadOnlyList<string?>? LabelCells { get; init; }

    /// <summary>The names of the categorical columns, in column order.</summary>
    public IReadOnlyList<string> CategoricalColumns =>
        [.. Cells.FeatureNames.Where((_, f) => Categories[f] is not null)];
}
