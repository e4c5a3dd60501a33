using Sweep.Training.Data.Generators;
using Sweep.Training.Data.Tabular;
using Sweep.Training.Random;

namespace Sweep.Config;

/// <summary>
/// Where a sweep's data comes from: one of <see cref="CsvTrainTestDataset"/> (a training and a test file),
/// <see cref="CsvSplitDataset"/> (one file split in two by a seeded shuffle) or <see cref="GeneratedDataset"/> (a
/// built-in generator, then split). Whether inputs are normalized is a trial setting (<c>normalize</c>), not part of
/// the data.
/// </summary>
public abstract record DatasetSettings
{
    private protected DatasetSettings()
    {
    }

    /// <summary>
    /// <c>validation_fraction</c>: the share of the training examples (those left after any test split) held out as a
    /// validation set, by the split's seed and generator (<c>DatasetSplitter.HoldOutValidation</c>); null for none.
    /// </summary>
    public double? ValidationFraction { get; init; }

    /// <summary><c>categorical</c>: columns read as categories even where their cells are numbers.</summary>
    public IReadOnlyList<string> Categorical { get; init; } = [];

    /// <summary><c>missing</c>: what an empty feature cell does.</summary>
    public MissingValues Missing { get; init; } = MissingValues.Error;

    /// <summary>Whether the label is a value to predict (the sweep's output is <c>linear</c>) rather than a class.</summary>
    public bool Regression { get; init; }

    /// <summary>How the CSV files are read as tables.</summary>
    public TableOptions Table => new() { Categorical = Categorical, Missing = Missing, Regression = Regression };
}

/// <summary>A data file: the path as the sweep file wrote it and the full path it resolves to.</summary>
/// <param name="Declared">As written, relative to the sweep file's folder unless absolute.</param>
/// <param name="FullPath">The absolute path read.</param>
public sealed record DataFile(string Declared, string FullPath);

/// <summary><c>dataset: { train: a.csv, test: b.csv, label: y }</c>: the test file is encoded with the training file's classes.</summary>
/// <param name="Label">The label column; null for the last column.</param>
public sealed record CsvTrainTestDataset(DataFile Train, DataFile Test, string? Label) : DatasetSettings
{
    /// <summary><c>split_seed</c>: seeds the validation split, the only split of this form.</summary>
    public int SplitSeed { get; init; } = 1;

    /// <summary><c>rng</c>: the generator of the validation split.</summary>
    public RandomKind Rng { get; init; } = RandomKind.Numpy;
}

/// <summary>
/// <c>dataset: { train: all.csv, test_fraction: 0.25, split_seed: 1, label: y }</c>: the test set is the first
/// <c>ceil(test_fraction * n)</c> examples of a seeded permutation (scikit-learn's <c>train_test_split</c> with
/// <c>rng: numpy</c>).
/// </summary>
public sealed record CsvSplitDataset(DataFile File, string? Label, double TestFraction, int SplitSeed, RandomKind Rng) : DatasetSettings;

/// <summary>
/// <c>dataset: { generator: moons, examples: 500, noise: 0.2, seed: 1, test_fraction: 0.25 }</c>: the generator's
/// examples split as <see cref="CsvSplitDataset"/> does, with the generator's random kind.
/// </summary>
public sealed record GeneratedDataset(string Generator, GeneratorParameters Parameters, double TestFraction, int SplitSeed) : DatasetSettings;

/// <summary>The shape of the data a sweep trains on, as found when the file was validated.</summary>
/// <param name="TrainExamples">The examples trials train on: without the validation examples.</param>
/// <param name="FeatureCount">The network's inputs: after one-hot encoding and indicator columns.</param>
/// <param name="Classes">The classes in index order; empty for a regression.</param>
public sealed record DatasetSummary(int TrainExamples, int TestExamples, int FeatureCount, IReadOnlyList<string> FeatureNames, IReadOnlyList<string> Classes)
{
    /// <summary>The examples held out of the training data for validation; 0 when none are.</summary>
    public int ValidationExamples { get; init; }

    /// <summary>The raw columns and how they became inputs; null for generated data.</summary>
    public TableEncoding? Encoding { get; init; }

    /// <summary>The label column's name; null for generated data.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>Rows left out of the data files because their label was empty.</summary>
    public int MissingLabelRows { get; init; }

    /// <summary>Rows left out for an empty feature cell (<c>missing: drop</c>).</summary>
    public int DroppedRows { get; init; }

    /// <summary>Empty feature cells kept (<c>missing: impute</c>).</summary>
    public int EmptyCells { get; init; }

    /// <summary>What the data says about every trial (categories unseen in training); null when nothing.</summary>
    public string? Notes { get; init; }

    public bool IsRegression => Classes.Count == 0;
}
