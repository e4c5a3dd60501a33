namespace Sweep.Training.Data.Tabular;

/// <summary>
/// The categorical columns a file must have because its training data had them (a test file, or rows a model predicts
/// on): those columns are read as categories whatever their cells, and a text cell in any other column is refused.
/// </summary>
/// <param name="Columns">The categorical columns' names.</param>
/// <param name="Source">Names the training data in errors.</param>
internal sealed record CategoricalFromTraining(IReadOnlyList<string> Columns, string Source);
