namespace Sweep.Training.Data.Tabular;

/// <summary>
/// How one raw column becomes inputs of the network, as learned from the training split. A numeric column is one
/// input, its empty cells filled with <see cref="Fill"/> (the training split's mean, under
/// <c>dataset.missing: impute</c>), followed by an indicator input (1 where the cell was empty) when
/// <see cref="Indicator"/>. A categorical column is one input per category of <see cref="Categories"/> (one-hot); a
/// category the training split did not have is all zeros.
/// </summary>
/// <param name="Name">The column's name in the CSV header.</param>
/// <param name="Categories">The training split's categories in input order; null for a numeric column.</param>
/// <param name="Fill">What an empty numeric cell becomes; null when empty cells are not expected (missing: error or drop).</param>
/// <param name="Indicator">Whether an indicator input follows the column (the training split had empty cells in it).</param>
public sealed record ColumnEncoding(string Name, IReadOnlyList<string>? Categories, double? Fill, bool Indicator)
{
    public bool IsCategorical => Categories is not null;

    /// <summary>The inputs this column makes.</summary>
    public int Width => Categories?.Count ?? (Indicator ? 2 : 1);

    /// <summary>The names of its inputs: <c>name</c> and <c>name_missing</c>, or <c>name=category</c> per category.</summary>
    public IEnumerable<string> InputNames => Categories is { } categories
        ? categories.Select(c => $"{Name}={c}")
        : Indicator ? [Name, $"{Name}_missing"] : [Name];
}
