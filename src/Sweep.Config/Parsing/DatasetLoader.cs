using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sweep.Training.Data;
using Sweep.Training.Data.Generators;

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
    /// machine; part of every trial's identity.
    /// </summary>
    public string Canonical => Settings switch
    {
        CsvTrainTestDataset d => $"csv train={d.Train.Declared} test={d.Test.Declared} label={d.Label ?? "(last column)"}",
        CsvSplitDataset d => $"csv-split file={d.File.Declared} label={d.Label ?? "(last column)"} {SplitText(d.TestFraction, d.SplitSeed, d.Rng.ToString())}",
        GeneratedDataset d => $"generator={GeneratorText(d)} {SplitText(d.TestFraction, d.SplitSeed, d.Parameters.Kind.ToString())}",
        _ => throw new InvalidOperationException($"unknown dataset settings {Settings.GetType().Name}"),
    };

    /// <summary>The data, or null after adding the problems to <paramref name="errors"/>.</summary>
    public DatasetSplit? TryLoad(ErrorList errors)
    {
        switch (Settings)
        {
            case CsvTrainTestDataset d:
                if (!Exists(d.Train, at.Train!, errors) | !Exists(d.Test, at.Test!, errors))
                {
                    return null;
                }

                return Attempt(() => CsvDatasetReader.ReadTrainTest(d.Train.FullPath, d.Test.FullPath, d.Label), FileLocation, errors);
            case CsvSplitDataset d:
                if (!Exists(d.File, at.Train!, errors))
                {
                    return null;
                }

                Dataset? all = Attempt(() => CsvDatasetReader.Read(d.File.FullPath, d.Label), FileLocation, errors);
                return all is null ? null : Attempt(() => DatasetSplitter.Split(all, d.TestFraction, d.SplitSeed, d.Rng), SplitLocation, errors);
            case GeneratedDataset d:
                Dataset? generated = Attempt(() => DatasetGenerators.Create(d.Generator, d.Parameters), _ => at.Generator ?? at.Dataset, errors);
                return generated is null
                    ? null
                    : Attempt(() => DatasetSplitter.Split(generated, d.TestFraction, d.SplitSeed, d.Parameters.Kind), SplitLocation, errors);
            default:
                throw new InvalidOperationException($"unknown dataset settings {Settings.GetType().Name}");
        }
    }

    /// <summary>
    /// The data; problems throw a <see cref="SweepFileException"/>, and so does data whose features or classes are no
    /// longer those the trials were planned for (<paramref name="expected"/>: a file changed since the check).
    /// </summary>
    public DatasetSplit Load(string sourcePath, DatasetSummary expected)
    {
        var errors = new ErrorList(sourcePath);
        DatasetSplit? data = TryLoad(errors);
        if (data is not null && (!data.Train.FeatureNames.SequenceEqual(expected.FeatureNames) || !data.Train.Classes.SequenceEqual(expected.Classes)))
        {
            errors.Add(at.Dataset,
                $"the data changed since the sweep file was checked: features {string.Join(", ", data.Train.FeatureNames)} and classes {string.Join(", ", data.Train.Classes)}, "
                + $"where the trials were planned for features {string.Join(", ", expected.FeatureNames)} and classes {string.Join(", ", expected.Classes)}");
        }

        errors.ThrowIfAny();
        return data!;
    }

    /// <summary>
    /// A SHA-256 (hex) of the data's settings and the bytes of its files, not their paths: the same data anywhere
    /// gives the same key. Null after adding an error when a file cannot be read.
    /// </summary>
    public string? ComputeKey(ErrorList errors)
    {
        var text = new StringBuilder("sweep-dataset/1\n");
        try
        {
            switch (Settings)
            {
                case CsvTrainTestDataset d:
                    text.Append(CultureInfo.InvariantCulture, $"csv label={d.Label ?? "(last column)"}\n");
                    text.Append(CultureInfo.InvariantCulture, $"train={HashFile(d.Train)}\ntest={HashFile(d.Test)}\n");
                    break;
                case CsvSplitDataset d:
                    text.Append(CultureInfo.InvariantCulture, $"csv-split label={d.Label ?? "(last column)"} {SplitText(d.TestFraction, d.SplitSeed, d.Rng.ToString())}\n");
                    text.Append(CultureInfo.InvariantCulture, $"file={HashFile(d.File)}\n");
                    break;
                case GeneratedDataset d:
                    text.Append(CultureInfo.InvariantCulture, $"generator={GeneratorText(d)} {SplitText(d.TestFraction, d.SplitSeed, d.Parameters.Kind.ToString())}\n");
                    break;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(at.Dataset, $"a data file cannot be read: {e.Message}");
            return null;
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
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

    private static bool Exists(DataFile file, NodeLocation at, ErrorList errors)
    {
        if (File.Exists(file.FullPath))
        {
            return true;
        }

        string relative = Path.IsPathRooted(file.Declared) ? string.Empty : ", relative to the sweep file's folder";
        errors.Add(at, $"the data file '{file.Declared}' does not exist (looked for {file.FullPath}{relative})");
        return false;
    }

    private static string HashFile(DataFile file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file.FullPath)));

    private static string SplitText(double testFraction, int seed, string rng) =>
        string.Create(CultureInfo.InvariantCulture, $"test_fraction={SettingValue.Format(testFraction)} split_seed={seed} rng={rng.ToLowerInvariant()}");

    private static string GeneratorText(GeneratedDataset d)
    {
        GeneratorParameters p = d.Parameters;
        return string.Create(CultureInfo.InvariantCulture,
            $"{d.Generator} examples={p.Examples} noise={SettingValue.Format(p.Noise)} seed={p.Seed} classes={p.Classes?.ToString(CultureInfo.InvariantCulture) ?? "default"} dimensions={p.Dimensions?.ToString(CultureInfo.InvariantCulture) ?? "default"} factor={(p.Factor is { } f ? SettingValue.Format(f) : "default")}");
    }
}

/// <summary>Where the dataset's keys are in the sweep file, to report data problems there.</summary>
internal sealed record DatasetLocations(
    NodeLocation Dataset, NodeLocation? Train, NodeLocation? Test, NodeLocation? Label, NodeLocation? TestFraction, NodeLocation? Generator);
