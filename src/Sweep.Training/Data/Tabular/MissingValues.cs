namespace Sweep.Training.Data.Tabular;

/// <summary>What <c>dataset.missing</c> does with an empty feature cell. A row whose label is empty is dropped in every mode.</summary>
public enum MissingValues
{
    /// <summary>Refuse the data at the first empty cell, naming it (the default).</summary>
    Error,

    /// <summary>
    /// A numeric cell gets the training split's mean, and the column an indicator (1 where the cell was empty) when
    /// the training split has empty cells in it; a categorical cell gets the category "missing".
    /// </summary>
    Impute,

    /// <summary>Leave out every row with an empty cell.</summary>
    Drop,
}
