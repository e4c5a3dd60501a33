using System.Globalization;

namespace Sweep.Training.Data;

/// <summary>
/// Turns label cells into class indices. A label that is an integer is named by that integer in invariant culture
/// (<c>01</c>, <c>1.0</c> and <c>1</c> are one class, <c>"1"</c>); any other label is named by its trimmed text.
/// Learning the classes from the data orders them numerically when all are integers, ordinally otherwise; with given
/// classes, a label outside them is an error. For a regression (<see cref="ForValues"/>) the label is a number to
/// predict, kept as it is.
/// </summary>
internal sealed class LabelEncoder
{
    /// <summary>Integers beyond 2^53 are not all representable as doubles, so those stay text.</summary>
    private const double LargestExactInteger = 9007199254740992.0;

    /// <summary>
    /// More distinct whole-number labels than this look like a count or a measurement, not classes (the digits have
    /// 10, the widest data sets Sweep is meant for a few dozen); text labels are classes whatever their number.
    /// </summary>
    public const int MaxIntegerClasses = 100;

    private readonly Dictionary<string, int>? _given;
    private readonly IReadOnlyList<string>? _givenClasses;
    private readonly List<int> _indices = [];
    private readonly List<string> _names = [];
    private readonly Dictionary<string, long?> _seen = new(StringComparer.Ordinal);
    private readonly List<double>? _values;
    private bool _someText;
    private (CellPosition At, string Text)? _firstFraction;

    private LabelEncoder(IReadOnlyList<string>? classes, bool values = false)
    {
        if (values)
        {
            _values = [];
            return;
        }

        if (classes is null)
        {
            return;
        }

        _givenClasses = classes;
        _given = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < classes.Count; i++)
        {
            string key = Canonical(classes[i].AsSpan().Trim(), out _);
            if (!_given.TryAdd(key, i))
            {
                throw new ArgumentException($"classes '{classes[_given[key]]}' and '{classes[i]}' are the same class", nameof(classes));
            }
        }
    }

    public int Count => _values?.Count ?? (_given is null ? _names.Count : _indices.Count);

    /// <summary>Whether the labels are values to predict (regression) rather than classes.</summary>
    public bool HoldsValues => _values is not null;

    public static LabelEncoder FromData() => new(null);

    /// <summary>Labels that are numbers to predict: a linear output's target.</summary>
    public static LabelEncoder ForValues() => new(null, values: true);

    public static LabelEncoder FromClasses(IReadOnlyList<string> classes) => new(classes);

    /// <summary>The class name a label cell stands for, and its integer value when it is an integer.</summary>
    public static string Canonical(ReadOnlySpan<char> cell, out long? integer)
    {
        if (long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long exact))
        {
            integer = exact;
        }
        else if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            && Math.Abs(value) <= LargestExactInteger && value == Math.Floor(value))
        {
            integer = (long)value;
        }
        else
        {
            integer = null;
            return cell.ToString();
        }

        return integer.Value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Adds the (trimmed) label cell of the next row.</summary>
    public void Add(ReadOnlySpan<char> cell, CellPosition at)
    {
        if (_values is not null)
        {
            _values.Add(double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
                ? value
                : throw at.Error($"{CsvDatasetReader.Quote(cell)} is not a finite number: a linear output predicts a number, so the target column must hold numbers (for classes use output sigmoid or softmax)"));
            return;
        }

        if (cell.IsEmpty)
        {
            throw at.Error("the label is empty; every row needs a class label");
        }

        string name = Canonical(cell, out long? integer);
        if (_given is null)
        {
            if (integer is null)
            {
                bool number = double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value);
                _someText |= !number;
                if (number && _firstFraction is null)
                {
                    _firstFraction = (at, name);
                }
            }

            _seen.TryAdd(name, integer);
            _names.Add(name);
            return;
        }

        if (!_given.TryGetValue(name, out int index))
        {
            throw at.Error(
                $"the label {CsvDatasetReader.Quote(cell)} is not one of the training data's classes ({CsvDatasetReader.ListNames(_givenClasses!)})");
        }

        _indices.Add(index);
    }

    /// <summary>Adds a row whose value is not known (rows to predict on): NaN.</summary>
    public void AddAbsent() => (_values ?? throw new InvalidOperationException("only values can be absent")).Add(double.NaN);

    /// <summary>The value of every row (<see cref="ForValues"/>).</summary>
    public double[] FinishValues() => [.. _values ?? throw new InvalidOperationException("the labels are classes, not values")];

    /// <summary>The class index of every row and the classes, in order.</summary>
    public (int[] Labels, IReadOnlyList<string> Classes) Finish(string source, int columnIndex, string columnName)
    {
        if (_given is not null)
        {
            return ([.. _indices], _givenClasses!);
        }

        if (_seen.Count < 2)
        {
            throw new DatasetException(
                $"{source}, column {columnIndex + 1} ({columnName}): every row has the label '{_names[0]}'; a classifier needs at least two classes (is '{columnName}' the label column?)",
                source, null, $"{columnIndex + 1} ({columnName})");
        }

        CheckLooksLikeClasses(source, columnIndex, columnName);
        string[] classes = [.. _seen.Keys];
        if (_seen.Values.All(v => v.HasValue))
        {
            Array.Sort(classes, (a, b) => _seen[a]!.Value.CompareTo(_seen[b]!.Value));
        }
        else
        {
            Array.Sort(classes, StringComparer.Ordinal);
        }

        var indexOf = new Dictionary<string, int>(classes.Length, StringComparer.Ordinal);
        for (int i = 0; i < classes.Length; i++)
        {
            indexOf[classes[i]] = i;
        }

        var labels = new int[_names.Count];
        for (int j = 0; j < labels.Length; j++)
        {
            labels[j] = indexOf[_names[j]];
        }

        return (labels, classes);
    }

    /// <summary>
    /// A label column of measurements would train a softmax over every distinct value and "complete" at accuracy 0:
    /// under a sigmoid or softmax output, numbers that are not all whole, or more whole numbers than
    /// <see cref="MaxIntegerClasses"/>, are refused with the advice to predict them with a linear output.
    /// </summary>
    private void CheckLooksLikeClasses(string source, int columnIndex, string columnName)
    {
        string? why = null;
        int? line = null;
        if (!_someText && _firstFraction is { } fraction)
        {
            why = $"and not all are whole numbers (line {fraction.At.Line} holds {CsvDatasetReader.Quote(fraction.Text)})";
            line = fraction.At.Line;
        }
        else if (_seen.Count > MaxIntegerClasses && _seen.Values.All(v => v.HasValue))
        {
            why = $"more whole numbers than the {MaxIntegerClasses} classes a label column plausibly holds";
        }

        if (why is null)
        {
            return;
        }

        string column = $"{columnIndex + 1} ({columnName})";
        throw new DatasetException(
            string.Create(CultureInfo.InvariantCulture,
                $"{source}, column {column}: the label has {_seen.Count} distinct values ({string.Join(", ", _seen.Keys.Take(5))}{(_seen.Count > 5 ? ", ..." : string.Empty)}), {why}: they look like measurements, not classes. ")
            + $"A sigmoid or softmax output needs classes; to predict the number itself, set model: {{ output: linear }} (regression), or check that '{columnName}' is the label column",
            source, line, column);
    }
}
