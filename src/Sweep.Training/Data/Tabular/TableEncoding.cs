using System.Globalization;

namespace Sweep.Training.Data.Tabular;

/// <summary>
/// The encoder of a table's columns into the network's inputs (<see cref="ColumnEncoding"/> per column), fitted on
/// the training split alone so that no validation or test row shapes what the network sees, and stored with the
/// model so that it predicts on raw rows. Categories are ordered numerically when every one is a number, else
/// ordinally (as scikit-learn's <c>OneHotEncoder</c> sorts them); under <c>dataset.missing: impute</c> an empty
/// categorical cell is the category <see cref="MissingCategory"/>.
/// </summary>
/// <param name="Label">The label column's name.</param>
public sealed record TableEncoding(string Label, IReadOnlyList<ColumnEncoding> Columns)
{
    public const string MissingCategory = "missing";

    /// <summary>The network's inputs: every column's <see cref="ColumnEncoding.Width"/>.</summary>
    public int Width => Columns.Sum(c => c.Width);

    /// <summary>Every column numeric with nothing to fill: the encoded features are the raw cells.</summary>
    public bool IsIdentity => Columns.All(c => !c.IsCategorical && c.Fill is null && !c.Indicator);

    public IReadOnlyList<string> InputNames => [.. Columns.SelectMany(c => c.InputNames)];

    /// <summary>
    /// Learns the encoding from the training rows <paramref name="train"/> (raw cells, codes into
    /// <paramref name="categories"/>): each categorical column's categories, and under impute each numeric column's mean
    /// over its non-empty cells and whether it had empty ones.
    /// </summary>
    public static TableEncoding Fit(Dataset train, IReadOnlyList<IReadOnlyList<string>?> categories, string label, MissingValues missing)
    {
        ArgumentNullException.ThrowIfNull(train);
        int n = train.ExampleCount;
        var columns = new ColumnEncoding[train.FeatureCount];
        for (int f = 0; f < train.FeatureCount; f++)
        {
            ReadOnlySpan<double> cells = train.Features.AsSpan(f * n, n);
            if (categories[f] is { } texts)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (double cell in cells)
                {
                    seen.Add(double.IsNaN(cell) ? MissingCategory : texts[(int)cell]);
                }

                columns[f] = new ColumnEncoding(train.FeatureNames[f], Order(seen), null, false);
                continue;
            }

            if (missing != MissingValues.Impute)
            {
                columns[f] = new ColumnEncoding(train.FeatureNames[f], null, null, false);
                continue;
            }

            double sum = 0.0;
            int present = 0;
            foreach (double cell in cells)
            {
                if (!double.IsNaN(cell))
                {
                    sum += cell;
                    present++;
                }
            }

            columns[f] = new ColumnEncoding(train.FeatureNames[f], null, present > 0 ? sum / present : 0.0, present < n);
        }

        return new TableEncoding(label, columns);
    }

    /// <summary>
    /// The network's inputs for raw rows (cells coded into <paramref name="categories"/>, that table's own), with the
    /// labels and targets kept; <paramref name="unseen"/> counts, per column, the cells whose category the training
    /// split did not have.
    /// </summary>
    public Dataset Encode(Dataset raw, IReadOnlyList<IReadOnlyList<string>?> categories, out IReadOnlyDictionary<string, int> unseen)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (raw.FeatureCount != Columns.Count)
        {
            throw new ArgumentException($"the rows have {raw.FeatureCount} feature columns, the encoding {Columns.Count}", nameof(raw));
        }

        int n = raw.ExampleCount;
        var unseenCells = new Dictionary<string, int>(StringComparer.Ordinal);
        unseen = unseenCells;
        if (IsIdentity)
        {
            foreach (double cell in raw.Features)
            {
                if (double.IsNaN(cell))
                {
                    throw new DatasetException("a row has an empty cell, and the model was trained without dataset.missing: impute, so it has no value to fill in; fill the cell or train with dataset.missing: impute");
                }
            }

            return raw;
        }

        var features = new double[Width * n];
        int input = 0;
        for (int f = 0; f < Columns.Count; f++)
        {
            ColumnEncoding column = Columns[f];
            ReadOnlySpan<double> cells = raw.Features.AsSpan(f * n, n);
            if (column.Categories is { } known)
            {
                var index = new Dictionary<string, int>(StringComparer.Ordinal);
                for (int k = 0; k < known.Count; k++)
                {
                    index[known[k]] = k;
                }

                for (int j = 0; j < n; j++)
                {
                    string text = double.IsNaN(cells[j]) ? MissingCategory : categories[f]![(int)cells[j]];
                    if (index.TryGetValue(text, out int k))
                    {
                        features[(input + k) * n + j] = 1.0;
                    }
                    else
                    {
                        unseenCells[column.Name] = unseenCells.GetValueOrDefault(column.Name) + 1;
                    }
                }
            }
            else
            {
                for (int j = 0; j < n; j++)
                {
                    bool empty = double.IsNaN(cells[j]);
                    features[input * n + j] = !empty ? cells[j]
                        : column.Fill ?? throw new DatasetException(
                            $"column '{column.Name}' is empty in data row {j + 1}, and the model was trained without dataset.missing: impute, so it has no value to fill in; fill the cell or train with dataset.missing: impute");
                    if (column.Indicator)
                    {
                        features[(input + 1) * n + j] = empty ? 1.0 : 0.0;
                    }
                }
            }

            input += column.Width;
        }

        return raw.WithFeatures(features, Width, InputNames);
    }

    /// <summary>
    /// Fits the encoding on the split's training rows and encodes all of them. The training and validation rows are
    /// coded into <paramref name="trainCategories"/>, the test rows into <paramref name="testCategories"/> (a test file
    /// read on its own). A plain numeric table with nothing to fill stays as it is. The notes count the validation
    /// and test cells of a category the training split lacks.
    /// </summary>
    public static DatasetSplit EncodeSplit(
        DatasetSplit raw, IReadOnlyList<IReadOnlyList<string>?> trainCategories, IReadOnlyList<IReadOnlyList<string>?> testCategories, string label, MissingValues missing)
    {
        ArgumentNullException.ThrowIfNull(raw);
        TableEncoding encoding = Fit(raw.Train, trainCategories, label, missing);
        Dataset train = encoding.Encode(raw.Train, trainCategories, out _);
        Dataset test = encoding.Encode(raw.Test, testCategories, out var unseenTest);
        IReadOnlyDictionary<string, int> unseenValidation = new Dictionary<string, int>();
        Dataset? validation = raw.Validation is null ? null : encoding.Encode(raw.Validation, trainCategories, out unseenValidation);
        string? notes = string.Join("; ", new[] { Unseen("test", unseenTest), Unseen("validation", unseenValidation) }.OfType<string>());
        return new DatasetSplit(train, test, validation) { Encoding = encoding, Notes = notes.Length == 0 ? null : notes };
    }

    private static string? Unseen(string split, IReadOnlyDictionary<string, int> cells) => cells.Count == 0
        ? null
        : string.Create(CultureInfo.InvariantCulture,
            $"{cells.Values.Sum()} {split} {(cells.Values.Sum() == 1 ? "cell has" : "cells have")} a category the training split lacks, encoded as all zeros ({string.Join(", ", cells.Select(c => $"{c.Key} {c.Value}"))})");

    /// <summary>Numerically when every category is a number, else ordinally.</summary>
    private static string[] Order(IEnumerable<string> categories)
    {
        string[] ordered = [.. categories];
        bool numeric = ordered.All(c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        if (numeric)
        {
            Array.Sort(ordered, (a, b) =>
            {
                int byValue = double.Parse(a, CultureInfo.InvariantCulture).CompareTo(double.Parse(b, CultureInfo.InvariantCulture));
                return byValue != 0 ? byValue : string.CompareOrdinal(a, b);
            });
        }
        else
        {
            Array.Sort(ordered, StringComparer.Ordinal);
        }

        return ordered;
    }
}
