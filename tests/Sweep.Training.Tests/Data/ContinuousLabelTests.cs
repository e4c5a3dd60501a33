using System.Globalization;
using System.Text;
using Sweep.Training.Data;

namespace Sweep.Training.Tests.Data;

// A measurement given as the label became a softmax over every distinct value that "completed" at accuracy 0.
public sealed class ContinuousLabelTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Numeric_labels_that_are_not_whole_numbers_are_refused_with_the_first_such_line_and_linear_suggested()
    {
        string path = _folder.Write("radius.csv", "x1,radius\n1,3\n2,17.99\n3,20.57\n4,3\n");

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.Read(path));

        Assert.Equal(
            $"{path}, column 2 (radius): the label has 3 distinct values (3, 17.99, 20.57), and not all are whole numbers (line 3 holds \"17.99\"): "
            + "they look like measurements, not classes. A sigmoid or softmax output needs classes; to predict the number itself, set model: { output: linear } (regression), or check that 'radius' is the label column",
            error.Message);
        Assert.Equal((3, "2 (radius)"), (error.LineNumber, error.Column));
    }

    [Fact]
    public void More_than_100_distinct_whole_numbers_are_refused_as_not_classes_and_linear_suggested()
    {
        string path = _folder.Write("age.csv", Rows(158, j => (j % 158).ToString(CultureInfo.InvariantCulture)));

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.Read(path));

        Assert.Contains("the label has 158 distinct values (0, 1, 2, 3, 4, ...), more whole numbers than the 100 classes a label column plausibly holds", error.Message, StringComparison.Ordinal);
        Assert.Contains("to predict the number itself, set model: { output: linear } (regression)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(100)]
    public void Up_to_100_whole_number_classes_are_read(int classes)
    {
        Dataset data = CsvDatasetReader.Read(_folder.Write("classes.csv", Rows(2 * classes, j => (j % classes).ToString(CultureInfo.InvariantCulture))));

        Assert.Equal(classes, data.Classes.Count);
    }

    [Fact]
    public void Text_labels_are_classes_however_many_there_are()
    {
        Dataset data = CsvDatasetReader.Read(_folder.Write("names.csv", Rows(300, j => "species " + (j % 150).ToString(CultureInfo.InvariantCulture))));

        Assert.Equal(150, data.Classes.Count);
    }

    [Fact]
    public void The_course_digits_keep_their_ten_classes()
    {
        Dataset data = CsvDatasetReader.Read(DataFiles.PathOf("digits.csv"));

        Assert.Equal(10, data.Classes.Count);
    }

    private static string Rows(int count, Func<int, string> label)
    {
        var text = new StringBuilder("x1,label\n");
        for (int j = 0; j < count; j++)
        {
            text.Append(j.ToString(CultureInfo.InvariantCulture)).Append(',').Append(label(j)).Append('\n');
        }

        return text.ToString();
    }
}
