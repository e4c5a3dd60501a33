using System.Globalization;
using System.Runtime.InteropServices;
using Sweep.Training.Data.Tabular;
using Sweep.Training.Random;
using Sylvan.Data.Csv;

namespace Sweep.Training.Data;

/// <summary>
/// Loads a classification data set from a comma-separated file with a header line, through Sylvan.Data.Csv (so
/// quoted fields, embedded commas and line breaks, CRLF and a UTF-8 byte order mark are all handled).
/// <list type="bullet">
/// <item>The label is the column named by <c>labelColumn</c>, or the last column when that is null. Every other
/// column is a feature and must hold finite numbers in invariant culture (<c>1.5</c>, <c>-2e-3</c>), small enough that
/// z-score normalization cannot overflow (below about 1e150 for a million rows).</item>
/// <item>Labels are classes. A label that is an integer (<c>1</c>, <c>01</c> and <c>1.0</c> are all class
/// <c>"1"</c>) is named by its integer; if every label is an integer the classes are ordered numerically (so 0/1
/// data is binary with classes ["0","1"] and 1 the positive class), otherwise ordinally as strings.</item>
/// <item>When the classes are given (a test file encoded with the training file's classes) the data set has exactly
/// those classes, and a label outside them is an error.</item>
/// <item>Header names and cells are trimmed of surrounding spaces; blank lines are skipped; there are no comment
/// lines (a <c>#</c> is data).</item>
/// </list>
/// Every problem is a <see cref="DatasetException"/> whose message names the file, the line as a text editor shows it
/// (the header is line 1), the column and what is wrong.
/// </summary>
public static class CsvDatasetReader
{
    private const int MaxQuotedValueLength = 40;

    /// <summary>2^-1022: below it doubles are subnormal and lose precision.</summary>
    private const double SmallestNormalDouble = 2.2250738585072014E-308;

    /// <summary>
    /// A data file is read whole into memory before it is parsed, and its values take as much again; 1 GB of CSV is
    /// far beyond the small networks Sweep trains.
    /// </summary>
    public const long MaxFileBytes = 1L << 30;

    /// <summary>Reads a training file: the classes are the distinct labels it holds (at least two).</summary>
    public static Dataset Read(string path, string? labelColumn = null) => ReadFile(path, labelColumn, null, null).Data;

    /// <summary>
    /// Reads a file whose labels are encoded with the given classes (usually the training set's
    /// <see cref="Dataset.Classes"/>); the result has exactly those classes, whichever of them occur.
    /// </summary>
    public static Dataset Read(string path, string? labelColumn, IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        return ReadFile(path, labelColumn, classes, null).Data;
    }

    /// <summary>
    /// Reads CSV text from a reader; <paramref name="sourceName"/> stands for the file in error messages. With
    /// <paramref name="classes"/> null the classes come from the data, otherwise the labels are encoded with them.
    /// </summary>
    public static Dataset Read(TextReader reader, string sourceName, string? labelColumn = null, IReadOnlyList<string>? classes = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        return ReadCore(reader, sourceName, labelColumn, classes, null).Data;
    }

    /// <summary>
    /// Reads a training file and a test file. The test file must have the same label column and the same feature
    /// columns in the same order, and its labels are encoded with the training file's classes.
    /// </summary>
    public static DatasetSplit ReadTrainTest(string trainPath, string testPath, string? labelColumn = null)
    {
        var train = ReadFile(trainPath, labelColumn, null, null);
        var test = ReadFile(testPath, train.LabelColumn, train.Data.Classes, new ExpectedFeatures(train.Data.FeatureNames, $"the training file {trainPath}"));
        return new DatasetSplit(train.Data, test.Data);
    }

    /// <summary>
    /// Reads a training and a test set from readers (<paramref name="trainName"/> and <paramref name="testName"/>
    /// stand for the files in error messages), with the checks of <see cref="ReadTrainTest(string, string, string?)"/>.
    /// </summary>
    public static DatasetSplit ReadTrainTest(TextReader train, string trainName, TextReader test, string testName, string? labelColumn = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        var trainSet = ReadCore(train, trainName, labelColumn, null, null);
        var testSet = ReadCore(test, testName, trainSet.LabelColumn, trainSet.Data.Classes, new ExpectedFeatures(trainSet.Data.FeatureNames, $"the training file {trainName}"));
        return new DatasetSplit(trainSet.Data, testSet.Data);
    }

    /// <summary>
    /// Reads one file and splits it with <see cref="DatasetSplitter.Split"/>: the same seed and kind always give the
    /// same split.
    /// </summary>
    public static DatasetSplit ReadAndSplit(string path, double testFraction, int splitSeed, RandomKind kind = RandomKind.Numpy, string? labelColumn = null) =>
        DatasetSplitter.Split(Read(path, labelColumn), testFraction, splitSeed, kind);

    /// <summary>
    /// Reads tabular data as people have it (see <see cref="TableOptions"/>): a column with a text cell, or declared
    /// categorical, holds categories; an empty feature cell is refused, kept as missing or drops its row as
    /// <see cref="TableOptions.Missing"/> says; a row with an empty label is left out and counted; with
    /// <see cref="TableOptions.Regression"/> the label is a number to predict.
    /// </summary>
    public static RawTable ReadTable(TextReader reader, string sourceName, string? labelColumn, TableOptions options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        return ReadCore(reader, sourceName, labelColumn, null, null, new TableReading(options, null)).Table;
    }

    /// <summary>
    /// Reads a training and a test table: the test file must have the training file's columns, its labels are encoded
    /// with the training file's classes, and its categorical columns are the training file's.
    /// </summary>
    public static (RawTable Train, RawTable Test) ReadTrainTestTables(
        TextReader train, string trainName, TextReader test, string testName, string? labelColumn, TableOptions options)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(options);
        var trainSet = ReadCore(train, trainName, labelColumn, null, null, new TableReading(options, null));
        var testSet = ReadCore(
            test, testName, trainSet.LabelColumn, trainSet.Data.IsRegression ? null : trainSet.Data.Classes,
            new ExpectedFeatures(trainSet.Data.FeatureNames, $"the training file {trainName}"), new TableReading(options, new CategoricalFromTraining(trainSet.Table.CategoricalColumns, trainName)));
        return (trainSet.Table, testSet.Table);
    }

    /// <summary>
    /// Reads rows to predict on with a model's columns: <paramref name="categorical"/> are its categorical columns. Every
    /// row is kept, empty cells as missing; the label column may be absent, and when present its cells are kept as
    /// text (<see cref="RawTable.LabelCells"/>), empty ones too.
    /// </summary>
    public static RawTable ReadForModel(TextReader reader, string sourceName, IReadOnlyList<string> featureNames, IReadOnlyList<string> categorical, string labelColumn)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var options = new TableOptions { Missing = MissingValues.Impute, Regression = true };
        return ReadCore(
            reader, sourceName, labelColumn, null, new ExpectedFeatures(featureNames, "the model's columns"),
            new TableReading(options, new CategoricalFromTraining(categorical, "the model's training data")) { LabelOptional = true }).Table;
    }

    private static Parsed ReadFile(string path, string? labelColumn, IReadOnlyList<string>? classes, ExpectedFeatures? expected)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new DatasetException("no data file given: the path is empty", path, null, null);
        }

        // One sequential read of the whole file: a pipe or FIFO can be read only once.
        byte[] bytes = FileBytes.Read(path, "data file", MaxFileBytes);
        using var text = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
        return ReadCore(text, path, labelColumn, classes, expected);
    }

    private static Parsed ReadCore(TextReader text, string source, string? labelColumn, IReadOnlyList<string>? classes, ExpectedFeatures? expected, TableReading? table = null)
    {
        var options = new CsvDataReaderOptions
        {
            HasHeaders = true,
            Delimiter = ',',
            Quote = '"',

            // Sylvan treats '#' lines as comments by default and would hide them from the line count; CSV has none.
            Comment = '\0',
            OwnsReader = false,

            // A record must fit in Sylvan's buffer, which stops growing at 16K characters by default (2,000 columns,
            // or one long quoted cell). Rows of any length are read: the buffer doubles as far as an array allows.
            MaxBufferSize = Array.MaxLength,
        };

        CsvDataReader csv;
        try
        {
            csv = CsvDataReader.Create(text, options);
        }
        catch (CsvMissingHeadersException e)
        {
            throw new DatasetException(
                $"{source} is empty: expected a header line naming the columns, then one line per example", source, null, null, e);
        }
        catch (CsvFormatException e)
        {
            throw new DatasetException($"{source}, line 1: the header line is malformed: {e.Message}", source, 1, null, e);
        }

        using (csv)
        {
            var header = ReadHeader(csv, source, labelColumn, noLabel: table is { LabelOptional: true } && !HasColumn(csv, labelColumn));
            expected?.Check(header.FeatureNames, source);
            table?.Start(header, source);
            var labels = classes is not null ? LabelEncoder.FromClasses(classes) : table?.Options.Regression == true ? LabelEncoder.ForValues() : LabelEncoder.FromData();
            var rowMajor = new List<double>();
            int featureCount = header.FeatureNames.Length;
            var largest = new Largest[featureCount];
            var row = new double[featureCount];
            int line = header.FirstDataLine;
            try
            {
                while (csv.Read())
                {
                    int recordLine = line;
                    line += CountLineBreaks(csv.GetRawRecordSpan());
                    if (csv.RowFieldCount == 1 && csv.GetFieldSpan(0).IsWhiteSpace())
                    {
                        continue;
                    }

                    if (csv.RowFieldCount != header.Names.Length)
                    {
                        throw new DatasetException(
                            $"{source}, line {recordLine}: {csv.RowFieldCount} fields, but the header (line 1) has {header.Names.Length} columns: {ListNames(header.Names)}",
                            source, recordLine, null);
                    }

                    if (table is { LabelOptional: false } && csv.GetFieldSpan(header.LabelIndex).IsWhiteSpace())
                    {
                        table.MissingLabelRows++;
                        continue;
                    }

                    bool keep = true;
                    for (int c = 0, f = 0; c < header.Names.Length; c++)
                    {
                        if (c == header.LabelIndex)
                        {
                            continue;
                        }

                        var cell = csv.GetFieldSpan(c).Trim();
                        var at = new CellPosition(source, recordLine, c, header.Names[c]);
                        row[f] = table is null ? ParseFeature(cell, at, header.Names[header.LabelIndex]) : table.Cell(f, cell, at);
                        keep &= !(double.IsNaN(row[f]) && table is { Options.Missing: MissingValues.Drop });
                        f++;
                    }

                    if (!keep)
                    {
                        table!.Discard();
                        continue;
                    }

                    table?.Commit();

                    for (int f = 0; f < featureCount; f++)
                    {
                        double value = row[f];
                        rowMajor.Add(value);
                        if (Math.Abs(value) > Math.Abs(largest[f].Value))
                        {
                            largest[f] = new Largest(value, new CellPosition(source, recordLine, header.FeatureColumns[f], header.FeatureNames[f]));
                        }
                    }

                    if (table is { LabelOptional: true })
                    {
                        table.LabelCells.Add(header.LabelIndex >= 0 ? csv.GetFieldSpan(header.LabelIndex).Trim().ToString() : null);
                        labels.AddAbsent();
                    }
                    else
                    {
                        labels.Add(csv.GetFieldSpan(header.LabelIndex).Trim(), new CellPosition(source, recordLine, header.LabelIndex, header.Names[header.LabelIndex]));
                    }
                }
            }
            catch (CsvFormatException e)
            {
                throw new DatasetException($"{source}, line {line}: malformed CSV: {e.Message}", source, line, null, e);
            }

            if (labels.Count == 0)
            {
                throw new DatasetException(
                    table is { MissingLabelRows: > 0 } || table is { DroppedRows: > 0 }
                        ? $"{source} has no rows left: {table.MissingLabelRows} rows have an empty label and {table.DroppedRows} an empty feature cell (dataset.missing: drop)"
                        : $"{source} has a header but no rows of data: expected one line per example after the header",
                    source, null, null);
            }

            int examples = labels.Count;
            for (int f = 0; f < featureCount; f++)
            {
                if (table?.IsCategorical(f) == true)
                {
                    largest[f] = default;
                }
            }

            CheckNormalizable(largest, examples);
            string labelName = header.LabelIndex >= 0 ? header.Names[header.LabelIndex] : labelColumn ?? string.Empty;
            var features = Transpose(CollectionsMarshal.AsSpan(rowMajor), examples, featureCount);
            IReadOnlyList<IReadOnlyList<string>?> categories = table?.FinishCategories(features, examples) ?? new IReadOnlyList<string>?[featureCount];
            Dataset data;
            if (labels.HoldsValues)
            {
                data = new Dataset(features, featureCount, labels.FinishValues(), header.FeatureNames);
            }
            else
            {
                var (labelIndices, classNames) = labels.Finish(source, header.LabelIndex, labelName);
                data = new Dataset(features, featureCount, labelIndices, classNames, header.FeatureNames);
            }

            var raw = new RawTable(data, categories, labelName, table?.MissingLabelRows ?? 0, table?.DroppedRows ?? 0, table?.EmptyCells ?? 0)
            {
                LabelCells = table is { LabelOptional: true } ? table.LabelCells : null,
                MarkedCells = table?.MarkedCells ?? 0,
            };
            return new Parsed(data, labelName) { Table = raw };
        }
    }

    private static bool HasColumn(CsvDataReader csv, string? name) =>
        name is not null && Enumerable.Range(0, csv.FieldCount).Any(c => csv.GetName(c).Trim().TrimStart('\uFEFF').Trim() == name.Trim());

    private static Header ReadHeader(CsvDataReader csv, string source, string? labelColumn, bool noLabel = false)
    {
        var names = new string[csv.FieldCount];
        int headerLines = 1;
        for (int c = 0; c < names.Length; c++)
        {
            string raw = csv.GetName(c);
            headerLines += CountLineBreaks(raw);
            names[c] = raw.Trim().TrimStart('\uFEFF').Trim();
        }

        if (names.Length == 1 && names[0].Length == 0)
        {
            throw new DatasetException(
                $"{source}, line 1 is blank: expected a header line naming the columns, separated by commas", source, 1, null);
        }

        if (names.Length < 2 && !noLabel)
        {
            throw new DatasetException(
                $"{source}, line 1: the header has only one column ('{names[0]}'); expected comma-separated feature columns and a label column",
                source, 1, null);
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < names.Length; c++)
        {
            if (names[c].Length == 0)
            {
                throw new DatasetException(
                    $"{source}, line 1: column {c + 1} has no name in the header; every column needs one (an unnamed index column has to be removed)",
                    source, 1, $"{c + 1}");
            }

            if (!seen.TryAdd(names[c], c))
            {
                throw new DatasetException(
                    $"{source}, line 1: columns {seen[names[c]] + 1} and {c + 1} are both named '{names[c]}'; column names must be unique",
                    source, 1, $"{c + 1} ({names[c]})");
            }
        }

        int labelIndex = noLabel ? -1 : names.Length - 1;
        if (!noLabel && labelColumn is not null && !seen.TryGetValue(labelColumn.Trim(), out labelIndex))
        {
            throw new DatasetException(
                $"{source}, line 1: no label column '{labelColumn}'; the columns are {ListNames(names)}", source, 1, labelColumn);
        }

        var featureNames = new string[labelIndex < 0 ? names.Length : names.Length - 1];
        var featureColumns = new int[featureNames.Length];
        for (int c = 0, f = 0; c < names.Length; c++)
        {
            if (c != labelIndex)
            {
                featureColumns[f] = c;
                featureNames[f++] = names[c];
            }
        }

        return new Header(names, featureNames, featureColumns, labelIndex, headerLines + 1);
    }

    private static double ParseFeature(ReadOnlySpan<char> cell, CellPosition at, string labelName)
    {
        if (cell.IsEmpty)
        {
            throw at.Error($"the value is empty; every column except the label '{labelName}' must hold a number");
        }

        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw at.Error($"{Quote(cell)} is not a number; every column except the label '{labelName}' must hold a number");
        }

        if (!double.IsFinite(value))
        {
            throw at.Error($"{Quote(cell)} is not a finite number; missing or infinite values are not supported");
        }

        return value;
    }

    /// <summary>
    /// Z-score normalization sums n values and n squared deviations of up to twice the largest magnitude M, so it
    /// stays finite, in any order and for any subset (a split's training half), when 4 n M^2 is below double's
    /// maximum. A column with larger values (1e308, whose mean or variance overflow to infinity) is refused at its
    /// largest cell rather than turned into infinities and NaN when a trial normalizes it. At the other end, a column
    /// whose largest magnitude is below the square root of the smallest normal double (about 1.5e-154) has squared
    /// deviations that underflow to nothing, so its standard deviation reads 0 though its values differ.
    /// </summary>
    private static void CheckNormalizable(Largest[] largest, int rows)
    {
        double bound = Math.Sqrt(double.MaxValue / (4.0 * rows));
        double smallest = Math.Sqrt(SmallestNormalDouble);
        foreach (Largest cell in largest)
        {
            if (cell.Value != 0 && Math.Abs(cell.Value) < smallest)
            {
                throw cell.At.Error(string.Create(CultureInfo.InvariantCulture,
                    $"{cell.Value:R} is the largest value of its column, too small to normalize: the squares of its differences vanish below {smallest:G3}; rescale the column, for example multiply it by a power of ten"));
            }

            if (Math.Abs(cell.Value) >= bound)
            {
                throw cell.At.Error(string.Create(CultureInfo.InvariantCulture,
                    $"{cell.Value:R} is too large to normalize: over {rows} rows the column's mean or variance would overflow (values must stay below {bound:G3} in magnitude); rescale the column, for example divide it by a power of ten"));
            }
        }
    }

    private static double[] Transpose(ReadOnlySpan<double> rowMajor, int exampleCount, int featureCount)
    {
        var features = new double[rowMajor.Length];
        for (int j = 0; j < exampleCount; j++)
        {
            for (int f = 0; f < featureCount; f++)
            {
                features[f * exampleCount + j] = rowMajor[j * featureCount + f];
            }
        }

        return features;
    }

    /// <summary>Line breaks as an editor counts them: <c>\r\n</c>, <c>\n</c> and a lone <c>\r</c> each end a line.</summary>
    private static int CountLineBreaks(ReadOnlySpan<char> text)
    {
        int count = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                count++;
            }
        }

        return count;
    }

    internal static string Quote(ReadOnlySpan<char> value) =>
        value.Length <= MaxQuotedValueLength ? $"\"{value}\"" : $"\"{value[..MaxQuotedValueLength]}...\"";

    internal static string ListNames(IReadOnlyList<string> names)
    {
        const int Shown = 20;
        return names.Count <= Shown
            ? string.Join(", ", names)
            : $"{string.Join(", ", names.Take(Shown))}, ... ({names.Count} in all)";
    }

    private sealed record Parsed(Dataset Data, string LabelColumn)
    {
        public RawTable Table { get; init; } = null!;
    }

    /// <summary>A column's value of largest magnitude so far, and where it is.</summary>
    private readonly record struct Largest(double Value, CellPosition At);

    /// <param name="LabelIndex">The label's column, or -1 for rows to predict on that have none.</param>
    internal sealed record Header(string[] Names, string[] FeatureNames, int[] FeatureColumns, int LabelIndex, int FirstDataLine);

    /// <summary>The feature columns a file must have: those of the training file (a test file) or of a model (rows to predict on).</summary>
    internal sealed record ExpectedFeatures(IReadOnlyList<string> Names, string Source)
    {
        public void Check(IReadOnlyList<string> actual, string source)
        {
            if (actual.SequenceEqual(Names, StringComparer.Ordinal))
            {
                return;
            }

            var missing = Names.Except(actual, StringComparer.Ordinal).ToList();
            var extra = actual.Except(Names, StringComparer.Ordinal).ToList();
            string difference = missing.Count == 0 && extra.Count == 0
                ? "the same columns in a different order"
                : string.Join("; ", new[]
                {
                    missing.Count > 0 ? $"missing {ListNames(missing)}" : null,
                    extra.Count > 0 ? $"not in the training file: {ListNames(extra)}" : null,
                }.OfType<string>());
            throw new DatasetException(
                $"{source}, line 1: the feature columns must match {Source} ({ListNames(Names)}), but they are {ListNames(actual)}: {difference}",
                source, 1, null);
        }
    }
}
