namespace Sweep.Training.Data.Tabular;

/// <summary>
/// How a CSV file's cells become a table: which columns are categorical beyond those with text cells
/// (<c>dataset.categorical</c>), what an empty feature cell means (<c>dataset.missing</c>), and whether the label is a
/// class or a value to predict (a <c>linear</c> output).
/// </summary>
public sealed record TableOptions
{
    /// <summary>Columns read as categories even where their cells are numbers (months, codes).</summary>
    public IReadOnlyList<string> Categorical { get; init; } = [];

    public MissingValues Missing { get; init; } = MissingValues.Error;

    /// <summary>The label column holds numbers to predict (regression) rather than classes.</summary>
    public bool Regression { get; init; }
}
