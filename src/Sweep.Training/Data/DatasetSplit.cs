using Sweep.Training.Data.Tabular;

namespace Sweep.Training.Data;

/// <summary>
/// A training set and a test set with the same features and classes and, when the sweep holds one out, a validation
/// set taken from the training data: <see cref="Train"/> is then only the rows a trial fits on (its normalization
/// statistics included), and trials are chosen on <see cref="Validation"/> without looking at <see cref="Test"/>.
/// </summary>
/// <param name="Validation">The held-out part of the training data; null when the sweep holds none out.</param>
public sealed record DatasetSplit(Dataset Train, Dataset Test, Dataset? Validation = null)
{
    /// <summary>How the raw columns became these features (fitted on <see cref="Train"/>); null for generated data.</summary>
    public TableEncoding? Encoding { get; init; }

    /// <summary>What every trial on this data should say about it (categories unseen in training); null when nothing.</summary>
    public string? Notes { get; init; }
}
