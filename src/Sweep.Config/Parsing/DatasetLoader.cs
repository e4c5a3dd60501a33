using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sweep.Training.Data;
using Sweep.Training.Data.Generators;
using Sweep.Training.Data.Tabular;
using Sweep.Training.Random;

namespace Sweep.Config.Parsing;

/// <summary>
/// Loads, splits or generates a sweep's data. Every <see cref="DatasetException"/> of the engine becomes an error at
/// the sweep file's key it comes from (<c>dataset.train</c>, <c>dataset.test</c>, <c>dataset.label</c>, ...), its
/// message kept whole, so a user sees both the sweep file's line and the data file's line and column.
/// </summary>
internal sealed class DatasetLoader(DatasetSettings settings, DatasetLocations at)
{
    public DatasetSettings Settings { get; } = settings;

    /// <summary>
    /// The settings as canonical text, with the paths as written (not resolved), so that it is the same on every
    /// machine; part of every trial's identity. A validation split is appended only when there is one
    /// (<see cref="ValidationText"/>), so that a file without one keeps the trial ids it always had.
    /// </summary>
    public string Canonical => Settings switch
    {
        CsvTrainTestDataset d => $"csv train={d.Train.Declared} test={d.Test.Declared} label={d.Label ?? "(last column)"}{ValidationText}{TableText}",
        CsvSplitDataset d => $"csv-split file={d.File.Declared} label={d.Label ?? "(last column)"} {SplitText(d.TestFraction, d.SplitSeed, d.Rng.ToString())}{ValidationText}{TableText}",
        GeneratedDataset d => $"generator={GeneratorText(d)} {SplitText(d.TestFraction, d.SplitSeed, d.Parameters.Kind.ToString())}{ValidationText}",
        _ => throw new InvalidOperationException($"unknown dataset settings {Settings.GetType().Name}"),
    };

    /// <summary>
    /// Empty without a validation split; else <c> validation_fraction=F</c>, and for a separate test file, whose
    /// split settings appear nowhere else, <c> split_seed=S rng=R</c> after it.
    /// </summary>
    private string ValidationText => Settings.ValidationFraction is not { } fraction
        ? string.Empty
        : string.Create(CultureInfo.InvariantCulture, $" validation_fraction={SettingValue.Format(fraction)}")
            + (Settings is CsvTrainTestDataset d ? string.Create(CultureInfo.InvariantCulture, $" split_seed={d.SplitSeed} rng={d.Rng.ToString().ToLowerInvariant()}") : string.Empty);

    /// <summary>
    /// Empty for a table read as it always was (no declared categorical columns, missing: error, class labels), so that
    /// such data keeps its trial ids and key; else the settings that change how the cells are read.
    /// </summary>
    private string TableText =>
        (Settings.Categorical.Count == 0 ? string.Empty : $" categorical={string.Join(",", Settings.Categorical)}")
        + (Settings.Missing == MissingValues.Error ? string.Empty : $" missing={Settings.Missing.ToString().ToLowerInvariant()}")
        + (Settings.Regression ? " target=value" : string.Empty);

    /// <summary>This loader with how its tables are read: declared categorical columns and what empty cells do.</summary>
    public DatasetLoader WithTable(IReadOnlyList<string> categorical, MissingValues missing) =>
        new(Settings with { Categorical = categorical, Missing = missing }, at);

    /// <summary>This loader reading the label as a value to predict (a linear output).</summary>
    public DatasetLoader AsRegression() => new(Settings with { Regression = true }, at);

    /// <summary>This loader with a validation split of <paramref name="fraction"/> (written at <paramref name="fractionAt"/>), or as it is for none.</summary>
    public DatasetLoader WithValidation(double? fraction, NodeLocation? fractionAt) => fraction is null
        ? this
        : new DatasetLoader(Settings with { ValidationFraction = fraction }, at with { ValidationFraction = fractionAt });

    /// <summary>
    /// Reads each data file once (a pipe or FIFO can be read only once), parses and splits the data from those bytes
    /// and hashes the same bytes for the key; or null after adding the problems to <paramref name="errors"/>.
    /// </summary>
    public LoadedData? TryLoad(ErrorList errors)
    {
        var key = new StringBuilder("sweep-dataset/1\n");
        switch (Settings)
        {
            case CsvTrainTestDataset d:
                byte[]? train = ReadOnce(d.Train, at.Train!, errors);
                byte[]? test = ReadOnce(d.Test, at.Test!, errors);
                if (train is null || test is null)
                {
                    return null;
                }

                key.Append(CultureInfo.InvariantCulture, $"csv label={d.Label ?? "(last column)"}{ValidationText}{TableText}\n");
                key.Append(CultureInfo.InvariantCulture, $"train={Hash(train)}\ntest={Hash(test)}\n");
                TrainTestTables? tables = Attempt(
                    () => new TrainTestTables(CsvDatasetReader.ReadTrainTestTables(Text(train), d.Train.FullPath, Text(test), d.Test.FullPath, d.Label, Settings.Table)),
                    FileLocation, errors);
                DatasetSplit? filesSplit = tables is null
                    ? null
                    : HoldOutValidation(new DatasetSplit(tables.Tables.Train.Cells, tables.Tables.Test.Cells), RandomSources.Create(d.Rng, d.SplitSeed), errors);
                return filesSplit is null ? null : Encode(filesSplit, tables!.Tables.Train, tables.Tables.Test, Hash(WithMarkedCells(key, tables.Tables.Train, tables.Tables.Test)), errors);
            case CsvSplitDataset d:
                byte[]? bytes = ReadOnce(d.File, at.Train!, errors);
                if (bytes is null)
                {
                    return null;
                }

                key.Append(CultureInfo.InvariantCulture, $"csv-split label={d.Label ?? "(last column)"} {SplitText(d.TestFraction, d.SplitSeed, d.Rng.ToString())}{ValidationText}{TableText}\n");
                key.Append(CultureInfo.InvariantCulture, $"file={Hash(bytes)}\n");
                RawTable? all = Attempt(() => CsvDatasetReader.ReadTable(Text(bytes), d.File.FullPath, d.Label, Settings.Table), FileLocation, errors);
                DatasetSplit? fileSplit = all is null ? null : SplitThreeWays(all.Cells, d.TestFraction, RandomSources.Create(d.Rng, d.SplitSeed), errors);
                return fileSplit is null ? null : Encode(fileSplit, all!, all!, Hash(WithMarkedCells(key, all!)), errors);
            case GeneratedDataset d:
                key.Append(CultureInfo.InvariantCulture, $"generator={GeneratorText(d)} {SplitText(d.TestFraction, d.SplitSeed, d.Parameters.Kind.ToString())}{ValidationText}\n");
                Dataset? generated = Attempt(() => DatasetGenerators.Create(d.Generator, d.Parameters), _ => at.Generator ?? at.Dataset, errors);
                DatasetSplit? generatedSplit = generated is null
                    ? null
                    : SplitThreeWays(generated, d.TestFraction, RandomSources.Create(d.Parameters.Kind, d.SplitSeed), errors);
                return generatedSplit is null ? null : new LoadedData(generatedSplit, Hash(key));
            default:
                throw new InvalidOperationException($"unknown dataset settings {Settings.GetType().Name}");
        }
    }

    /// <summary>
    /// Earlier versions read a feature cell such as NA as text (a category, its column categorical), where it is now a
    /// missing value (<see cref="RawTable.MarkedCells"/>): data that has such cells gets a key of its own, so that a
    /// sweep stored from the earlier reading is not resumed with the new one. Data without them keeps its key.
    /// </summary>
    private static StringBuilder WithMarkedCells(StringBuilder key, params RawTable[] tables) =>
        tables.Any(t => t.MarkedCells > 0) ? key.Append("missing-markers=pandas\n") : key;

    /// <summary>
    /// The test split, then the validation split by the same generator (as <see cref="DatasetSplitter.Split(Dataset, double, int, RandomKind, double?)"/>
    /// does), in two steps so that each step's problem is reported at its own fraction.
    /// </summary>
    private DatasetSplit? SplitThreeWays(Dataset all, double testFraction, RandomSource source, ErrorList errors)
    {
        DatasetSplit? split = Attempt(() => DatasetSplitter.Split(all, testFraction, source), SplitLocation, errors);
        return split is null ? null : HoldOutValidation(split, source, errors);
    }

    /// <summary>The split with its validation set held out by <paramref name="source"/>, or as it is when there is no validation split.</summary>
    private DatasetSplit? HoldOutValidation(DatasetSplit split, RandomSource source, ErrorList errors) => Settings.ValidationFraction is { } fraction
        ? Attempt(() => DatasetSplitter.HoldOutValidation(split, fraction, source), _ => at.ValidationFraction ?? at.Dataset, errors)
        : split;

    /// <summary>
    /// The raw split encoded by an encoding fitted on its training rows (<see cref="TableEncoding.EncodeSplit"/>), with
    /// what the tables say about the rows read.
    /// </summary>
    private LoadedData? Encode(DatasetSplit raw, RawTable train, RawTable test, string key, ErrorList errors)
    {
        DatasetSplit? split = Attempt(
            () => TableEncoding.EncodeSplit(raw, train.Categories, test.Categories, train.LabelColumn, Settings.Missing), FileLocation, errors);
        return split is null ? null : new LoadedData(split, key) { Tables = train == test ? [train] : [train, test] };
    }

    private static T? Attempt<T>(Func<T> load, Func<DatasetException, NodeLocation> locate, ErrorList errors)
        where T : class
    {
        try
        {
            return load();
        }
        catch (DatasetException e)
        {
            errors.Add(locate(e), e.Message);
            return null;
        }
    }

    /// <summary>The splitter's problems are about the fraction, not a file.</summary>
    private NodeLocation SplitLocation(DatasetException e) => at.TestFraction ?? at.Dataset;

    /// <summary>A file's problem is reported at the key that names the file, or at the label when the label column is missing.</summary>
    private NodeLocation FileLocation(DatasetException e)
    {
        string? label = Settings switch
        {
            CsvTrainTestDataset d => d.Label,
            CsvSplitDataset d => d.Label,
            _ => null,
        };
        if (at.Label is not null && e.LineNumber == 1 && e.Column is not null && e.Column == label)
        {
            return at.Label;
        }

        return Settings switch
        {
            CsvTrainTestDataset d when e.FilePath == d.Test.FullPath => at.Test!,
            CsvTrainTestDataset d when e.FilePath == d.Train.FullPath => at.Train!,
            CsvSplitDataset d when e.FilePath == d.File.FullPath => at.Train!,
            _ => at.Dataset,
        };
    }

    /// <summary>The file's bytes, read once; null after adding an error at the key that names it.</summary>
    private static byte[]? ReadOnce(DataFile file, NodeLocation at, ErrorList errors)
    {
        string relative = Path.IsPathRooted(file.Declared) ? string.Empty : ", relative to the sweep file's folder";
        if (Directory.Exists(file.FullPath))
        {
            errors.Add(at, $"the data file '{file.Declared}' is a directory, not a CSV file (looked at {file.FullPath}{relative})");
            return null;
        }

        if (!File.Exists(file.FullPath))
        {
            errors.Add(at, $"the data file '{file.Declared}' does not exist (looked for {file.FullPath}{relative})");
            return null;
        }

        try
        {
            return FileBytes.Read(file.FullPath, "data file", CsvDatasetReader.MaxFileBytes);
        }
        catch (DatasetException e)
        {
            errors.Add(at, e.Message);
            return null;
        }
    }

    private static StreamReader Text(byte[] bytes) => new(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Hash(StringBuilder text) => Hash(Encoding.UTF8.GetBytes(text.ToString()));

    private static string SplitText(double testFraction, int seed, string rng) =>
        string.Create(CultureInfo.InvariantCulture, $"test_fraction={SettingValue.Format(testFraction)} split_seed={seed} rng={rng.ToLowerInvariant()}");

    private static string GeneratorText(GeneratedDataset d)
    {
        GeneratorParameters p = d.Parameters;
        return string.Create(CultureInfo.InvariantCulture,
            $"{d.Generator} examples={p.Examples} noise={SettingValue.Format(p.Noise)} seed={p.Seed} classes={p.Classes?.ToString(CultureInfo.InvariantCulture) ?? "default"} dimensions={p.Dimensions?.ToString(CultureInfo.InvariantCulture) ?? "default"} factor={(p.Factor is { } f ? SettingValue.Format(f) : "default")}");
    }
}

/// <summary>
/// The data as read (or generated) and split when the sweep file was checked, and its key: a SHA-256 (hex) of the
/// data's settings and the bytes of its files, not their paths, so the same data anywhere gives the same key.
/// </summary>
internal sealed record LoadedData(DatasetSplit Split, string Key)
{
    /// <summary>The tables the data files were read as (one, or a training and a test file); empty for generated data.</summary>
    public IReadOnlyList<RawTable> Tables { get; init; } = [];
}

/// <summary>A training and a test file read as tables.</summary>
internal sealed record TrainTestTables((RawTable Train, RawTable Test) Tables);

/// <summary>Where the dataset's keys are in the sweep file, to report data problems there.</summary>
internal sealed record DatasetLocations(
    NodeLocation Dataset, NodeLocation? Train, NodeLocation? Test, NodeLocation? Label, NodeLocation? TestFraction, NodeLocation? Generator)
{
    public NodeLocation? ValidationFraction { get; init; }
}
