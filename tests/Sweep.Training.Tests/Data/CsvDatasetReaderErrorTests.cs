using Sweep.Training.Data;

namespace Sweep.Training.Tests.Data;

// Every message is what a user reads: it must name the file, the line as an editor shows it (header = line 1),
// the column, and what is wrong.
public sealed class CsvDatasetReaderErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Loader_names_file_line_and_column_of_a_non_numeric_cell()
    {
        string path = _folder.Write("bad_cell.csv", "x1,x2,y\n1,2,0\n3,abc,1\n");

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.Read(path));

        Assert.Contains("bad_cell.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("column 2 (x2)", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"abc\" is not a number", error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.FilePath);
        Assert.Equal(3, error.LineNumber);
        Assert.Equal("2 (x2)", error.Column);
    }

    [Fact]
    public void Loader_counts_editor_lines_across_quoted_line_breaks_crlf_and_blank_lines()
    {
        string path = _folder.Write("lines.csv", "x1,x2,note\r\n1,2,\"two\r\nlines\"\r\n\r\n3,4,ok\n5,six,ok\n");

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.Read(path));

        Assert.Contains("line 6, column 2 (x2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loader_names_an_empty_cell()
    {
        string path = _folder.Write("empty_cell.csv", "x1,x2,y\n1,2,0\n,2,1\n");

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.Read(path));

        Assert.Contains("empty_cell.csv, line 3, column 1 (x1): the value is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loader_rejects_nan_and_infinite_features()
    {
        string path = _folder.Write("nan.csv", "x1,x2,y\n1,NaN,0\n");

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.Read(path));

        Assert.Contains("nan.csv, line 2, column 2 (x2): \"NaN\" is not a finite number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loader_names_the_missing_label_column_and_lists_the_columns_present()
    {
        string path = _folder.Write("no_label.csv", "x1,x2,y\n1,2,0\n");

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.Read(path, "label"));

        Assert.Contains("no_label.csv, line 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("no label column 'label'", error.Message, StringComparison.Ordinal);
        Assert.Contains("the columns are x1, x2, y", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loader_names_a_row_with_fewer_fields_than_the_header()
    {
        string path = _folder.Write("short_row.csv", "x1,x2,y\n1,2,0\n3,1\n");

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.Read(path));

        Assert.Contains("short_row.csv, line 3: 2 fields, but the header (line 1) has 3 columns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loader_names_a_row_with_more_fields_than_the_header()
    {
        string path = _folder.Write("long_row.csv", "x1,x2,y\n1,2,0\n3,4,1\n5,6,1,7\n");

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.Read(path));

        Assert.Contains("long_row.csv, line 4: 4 fields, but the header (line 1) has 3 columns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loader_reports_an_empty_file()
    {
        string path = _folder.Write("empty.csv", "");

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.Read(path));

        Assert.Contains("empty.csv is empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x1,x2,y")]
    [InlineData("x1,x2,y\n")]
    [InlineData("x1,x2,y\r\n\r\n\n")]
    public void Loader_reports_a_file_with_a_header_but_no_data(string text)
    {
        string path = _folder.Write("header_only.csv", text);

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.Read(path));

        Assert.Contains("header_only.csv has a header but no rows of data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loader_reports_a_blank_header_line()
    {
        string path = _folder.Write("blank_header.csv", "\n1,2,0\n");

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.Read(path));

        Assert.Contains("blank_header.csv, line 1 is blank", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loader_names_the_label_column_when_every_row_has_one_class()
    {
        string path = _folder.Write("one_class.csv", "x1,x2,y\n1,2,1\n3,4,1\n");

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.Read(path));

        Assert.Contains("one_class.csv, column 3 (y): every row has the label '1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("at least two classes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loader_reports_a_missing_file_by_name()
    {
        string path = Path.Combine(_folder.Path, "nowhere.csv");

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.Read(path));

        Assert.Contains($"data file '{path}' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loader_names_a_directory_given_as_the_file_a_directory()
    {
        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.Read(_folder.Path));

        Assert.StartsWith($"the data file '{_folder.Path}' is a directory, not a file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loader_reports_a_missing_folder_as_a_missing_file()
    {
        string path = Path.Combine(_folder.Path, "no_such_folder", "train.csv");

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.Read(path));

        Assert.Contains("train.csv' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loader_names_both_columns_of_a_duplicate_column_name()
    {
        string path = _folder.Write("duplicate.csv", "x1,x2,x1,y\n1,2,3,0\n");

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.Read(path));

        Assert.Contains("duplicate.csv, line 1: columns 1 and 3 are both named 'x1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loader_rejects_a_column_without_a_name()
    {
        string path = _folder.Write("unnamed.csv", ",x1,y\n0,1,0\n1,2,1\n");

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.Read(path));

        Assert.Contains("unnamed.csv, line 1: column 1 has no name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loader_explains_a_file_that_is_not_comma_separated()
    {
        string path = _folder.Write("semicolons.csv", "x1;x2;y\n1;2;0\n");

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.Read(path));

        Assert.Contains("semicolons.csv, line 1: the header has only one column ('x1;x2;y')", error.Message, StringComparison.Ordinal);
        Assert.Contains("comma-separated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loader_names_the_line_of_malformed_quoting()
    {
        string path = _folder.Write("quotes.csv", "x1,x2,y\n1,2,0\n3,\"4\"5,1\n");

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.Read(path));

        Assert.Contains("quotes.csv, line 3: malformed CSV", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loader_names_an_empty_label()
    {
        string path = _folder.Write("empty_label.csv", "x1,x2,y\n1,2,0\n3,4,\n");

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.Read(path));

        Assert.Contains("empty_label.csv, line 3, column 3 (y): the label is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_file_label_not_seen_in_training_names_file_line_and_column()
    {
        string train = _folder.Write("train.csv", "x1,x2,y\n1,2,0\n3,4,1\n");
        string test = _folder.Write("test.csv", "x1,x2,y\n1,2,1\n3,4,0\n5,6,2\n");

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.ReadTrainTest(train, test));

        Assert.Contains("test.csv, line 4, column 3 (y)", error.Message, StringComparison.Ordinal);
        Assert.Contains("the label \"2\" is not one of the training data's classes (0, 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_file_with_other_feature_columns_names_the_missing_and_extra_ones()
    {
        string train = _folder.Write("train.csv", "x1,x2,y\n1,2,0\n3,4,1\n");
        string test = _folder.Write("test.csv", "x1,x3,y\n1,2,1\n");

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.ReadTrainTest(train, test));

        Assert.Contains("test.csv, line 1: the feature columns must match the training file", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing x2", error.Message, StringComparison.Ordinal);
        Assert.Contains("not in the training file: x3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_file_with_the_feature_columns_in_another_order_is_rejected()
    {
        string train = _folder.Write("train.csv", "x1,x2,y\n1,2,0\n3,4,1\n");
        string test = _folder.Write("test.csv", "x2,x1,y\n1,2,1\n");

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.ReadTrainTest(train, test));

        Assert.Contains("the same columns in a different order", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_file_without_the_training_label_column_is_rejected()
    {
        string train = _folder.Write("train.csv", "x1,x2,y\n1,2,0\n3,4,1\n");
        string test = _folder.Write("test.csv", "x1,x2,label\n1,2,1\n");

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.ReadTrainTest(train, test));

        Assert.Contains("test.csv, line 1: no label column 'y'", error.Message, StringComparison.Ordinal);
    }
}
