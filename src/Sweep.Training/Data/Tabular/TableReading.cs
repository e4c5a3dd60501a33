using System.Globalization;

namespace Sweep.Training.Data.Tabular;

/// <summary>
/// The state of reading one CSV file as a table (<see cref="CsvDatasetReader.ReadTable"/>): which columns are
/// categorical and the codes of their categories, what empty cells do, and the rows left out. Feature cells arrive row
/// by row through <see cref="Cell"/>; a row is then kept (<see cref="Commit"/>) or left out (<see cref="Discard"/>).
/// A column becomes categorical at its first text cell, so its earlier numeric cells are turned into categories at the
/// end (<see cref="FinishCategories"/>), by their shortest round-trip text.
/// </summary>
internal sealed class TableReading(TableOptions options, CategoricalFromTraining? training)
{
    private readonly List<(int Feature, int Code)> _pending = [];
    private int _pendingEmpty;
    private bool[] _categorical = [];
    private Dictionary<string, int>[] _codes = [];
    private List<string>[] _texts = [];
    private List<(int Row, int Code)>[] _cells = [];
    private string[] _names = [];
    private int _rowsKept;

    public TableOptions Options { get; } = options;

    /// <summary>Rows to predict on: none is left out, and the label cells are kept as text.</summary>
    public bool LabelOptional { get; init; }

    public List<string?> LabelCells { get; } = [];

    public int MissingLabelRows { get; set; }

    public int DroppedRows { get; private set; }

    public int EmptyCells { get; private set; }

    /// <summary>Feature cells read as missing for what they say (<see cref="MissingMarkers"/>), in every row read.</summary>
    public int MarkedCells { get; private set; }

    public void Start(CsvDatasetReader.Header header, string source)
    {
        int count = header.FeatureNames.Length;
        _names = header.FeatureNames;
        _categorical = new bool[count];
        _codes = new Dictionary<string, int>[count];
        _texts = new List<string>[count];
        _cells = new List<(int, int)>[count];
        for (int f = 0; f < count; f++)
        {
            _codes[f] = new Dictionary<string, int>(StringComparer.Ordinal);
            _texts[f] = [];
            _cells[f] = [];
        }

        foreach (string name in training?.Columns ?? Options.Categorical)
        {
            int f = Array.IndexOf(header.FeatureNames, name.Trim());
            if (f >= 0)
            {
                _categorical[f] = true;
                continue;
            }

            string why = header.LabelIndex >= 0 && header.Names[header.LabelIndex] == name.Trim()
                ? $"'{name}' is the label column, whose classes are categories already"
                : $"there is no column '{name}'";
            throw new DatasetException(
                $"{source}, line 1: dataset.categorical names '{name}', but {why}; the feature columns are {CsvDatasetReader.ListNames(header.FeatureNames)}",
                source, 1, name);
        }
    }

    public bool IsCategorical(int feature) => _categorical[feature];

    /// <summary>
    /// The value of a (trimmed) feature cell: its number, its category's code, or NaN when it is missing (empty, or one
    /// of <see cref="MissingMarkers"/>).
    /// </summary>
    public double Cell(int feature, ReadOnlySpan<char> cell, CellPosition at)
    {
        // Most cells are numbers; only a cell that is not one is compared with the markers of a missing value.
        double number = double.NaN;
        bool parsed = !_categorical[feature] && double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
        if (parsed && double.IsFinite(number))
        {
            return number;
        }

        bool marked = !cell.IsEmpty && MissingMarkers.Marks(cell);
        if (cell.IsEmpty || marked)
        {
            if (Options.Missing == MissingValues.Error)
            {
                string value = marked ? $"{CsvDatasetReader.Quote(cell)} marks a missing value" : "the value is empty";
                throw at.Error(
                    $"{value}, and dataset.missing is error (the default); to keep the row, set dataset.missing: impute (a numeric column gets the training split's mean plus an indicator column, a categorical one the category \"missing\"), or drop to leave out every row with an empty cell");
            }

            if (marked)
            {
                MarkedCells++;
            }

            _pendingEmpty++;
            return double.NaN;
        }

        if (parsed)
        {
            throw at.Error($"{CsvDatasetReader.Quote(cell)} is not a finite number; leave a missing value's cell empty");
        }

        if (!_categorical[feature])
        {
            if (training is not null)
            {
                throw at.Error(
                    $"{CsvDatasetReader.Quote(cell)} is not a number, but the column holds numbers in {training.Source}; a column is categorical when the training data has a text cell in it or names it in dataset.categorical");
            }

            _categorical[feature] = true;
        }

        int code = Code(feature, cell.ToString());
        _pending.Add((feature, code));
        return code;
    }

    /// <summary>Keeps the row whose cells came last.</summary>
    public void Commit()
    {
        EmptyCells += _pendingEmpty;
        _pendingEmpty = 0;
        foreach (var (feature, code) in _pending)
        {
            _cells[feature].Add((_rowsKept, code));
        }

        _pending.Clear();
        _rowsKept++;
    }

    /// <summary>Leaves out the row whose cells came last (it had an empty cell, under <see cref="MissingValues.Drop"/>).</summary>
    public void Discard()
    {
        _pending.Clear();
        _pendingEmpty = 0;
        DroppedRows++;
    }

    /// <summary>
    /// Writes every categorical column's codes into <paramref name="features"/> (features x examples) and returns the
    /// category texts of each column (null for a numeric one).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>?> FinishCategories(double[] features, int examples)
    {
        var categories = new IReadOnlyList<string>?[_names.Length];
        for (int f = 0; f < _names.Length; f++)
        {
            if (!_categorical[f])
            {
                continue;
            }

            List<(int Row, int Code)> coded = _cells[f];
            Span<double> column = features.AsSpan(f * examples, examples);
            for (int j = 0, next = 0; j < examples; j++)
            {
                if (next < coded.Count && coded[next].Row == j)
                {
                    column[j] = coded[next++].Code;
                }
                else if (!double.IsNaN(column[j]))
                {
                    column[j] = Code(f, column[j].ToString("R", CultureInfo.InvariantCulture));
                }
            }

            categories[f] = _texts[f];
        }

        return categories;
    }

    private int Code(int feature, string text)
    {
        if (!_codes[feature].TryGetValue(text, out int code))
        {
            code = _texts[feature].Count;
            _codes[feature][text] = code;
            _texts[feature].Add(text);
        }

        return code;
    }
}
