using Sweep.Training.Data;

namespace Sweep.Training.Tests.Data;

public sealed class CsvDatasetReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Loader_reads_the_circles_training_file_as_a_binary_set_with_the_last_column_as_label()
    {
        var data = CsvDatasetReader.Read(DataFiles.PathOf("circles_train.csv"));

        Assert.Equal(300, data.ExampleCount);
        Assert.Equal(["x1", "x2"], data.FeatureNames);
        Assert.Equal(["0", "1"], data.Classes);
        Assert.Equal(150, data.Labels.Count(label => label == 1));

        // First data line: -0.07741354010048114,0.8526022642742743,1 (features x examples: x2 of example 0 at 300).
        Assert.Equal(-0.07741354010048114, data.Features[0]);
        Assert.Equal(0.8526022642742743, data.Features[300]);
        Assert.Equal(1, data.Labels[0]);
    }

    [Fact]
    public void Loader_reads_digits_as_ten_classes_in_numeric_order()
    {
        var data = CsvDatasetReader.Read(DataFiles.PathOf("digits.csv"), "digit");

        Assert.Equal(1797, data.ExampleCount);
        Assert.Equal(64, data.FeatureCount);
        Assert.Equal("p0", data.FeatureNames[0]);
        Assert.Equal("p63", data.FeatureNames[63]);
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], data.Classes);
        Assert.Equal(178, data.Labels.Count(label => label == 0));
        Assert.Equal(180, data.Labels.Count(label => label == 9));

        // First row: 0,0,5,13,9,1,0,0,... label 0; second row's label is 1.
        Assert.Equal(5.0, data.Features[2 * data.ExampleCount + 0]);
        Assert.Equal(13.0, data.Features[3 * data.ExampleCount + 0]);
        Assert.Equal(0, data.Labels[0]);
        Assert.Equal(1, data.Labels[1]);
    }

    [Fact]
    public void Loader_reads_breast_cancer_with_crlf_lines_and_malignant_as_the_positive_class()
    {
        var data = CsvDatasetReader.Read(DataFiles.PathOf("breast_cancer.csv"), "malignant");

        Assert.Equal(569, data.ExampleCount);
        Assert.Equal(30, data.FeatureCount);
        Assert.Equal("mean_radius", data.FeatureNames[0]);
        Assert.Equal("worst_fractal_dimension", data.FeatureNames[29]);
        Assert.Equal(["0", "1"], data.Classes);
        Assert.Equal(212, data.Labels.Count(label => label == 1));
        Assert.Equal(17.99, data.Features[0]);
        Assert.Equal(0.1189, data.Features[29 * 569]);
        Assert.Equal(1, data.Labels[0]);
    }

    [Fact]
    public void String_labels_become_classes_in_ordinal_order()
    {
        string path = _folder.Write("iris.csv", "a,b,species\n1,2,virginica\n3,4,setosa\n5,6,versicolor\n7,8,setosa\n");

        var data = CsvDatasetReader.Read(path);

        Assert.Equal(["setosa", "versicolor", "virginica"], data.Classes);
        Assert.Equal([2, 0, 1, 0], data.Labels);
    }

    [Fact]
    public void Integer_labels_are_ordered_numerically_not_as_text()
    {
        string path = _folder.Write("ints.csv", "a,y\n1,10\n2,2\n3,-1\n4,2\n");

        var data = CsvDatasetReader.Read(path);

        Assert.Equal(["-1", "2", "10"], data.Classes);
        Assert.Equal([2, 1, 0, 1], data.Labels);
    }

    [Fact]
    public void Integer_labels_written_as_decimals_or_with_leading_zeros_are_the_same_class()
    {
        string path = _folder.Write("floats.csv", "a,y\n1,1.0\n2,0.0\n3,01\n4, 0 \n");

        var data = CsvDatasetReader.Read(path);

        Assert.Equal(["0", "1"], data.Classes);
        Assert.Equal([1, 0, 1, 0], data.Labels);
    }

    [Fact]
    public void A_mix_of_integer_and_text_labels_is_ordered_as_text()
    {
        string path = _folder.Write("mixed.csv", "a,y\n1,10\n2,9\n3,b\n");

        var data = CsvDatasetReader.Read(path);

        Assert.Equal(["10", "9", "b"], data.Classes);
    }

    [Fact]
    public void A_named_label_column_may_be_anywhere_and_the_other_columns_are_the_features_in_order()
    {
        string path = _folder.Write("middle.csv", "f1,label,f2\n1.5,yes,-2e-3\n2.5,no,4\n");

        var data = CsvDatasetReader.Read(path, "label");

        Assert.Equal(["f1", "f2"], data.FeatureNames);
        Assert.Equal(["no", "yes"], data.Classes);
        Assert.Equal([1.5, 2.5, -0.002, 4.0], data.Features);
        Assert.Equal([1, 0], data.Labels);
    }

    [Fact]
    public void Quoted_fields_spaces_and_a_byte_order_mark_are_handled_by_the_csv_parser()
    {
        string path = _folder.Write("quoted.csv", "\uFEFF x1 ,\"x2\",\"the, label\"\n\"1.5\", 2 ,\"a, b\"\n3,4,\"c\"\n");

        var data = CsvDatasetReader.Read(path, "the, label");

        Assert.Equal(["x1", "x2"], data.FeatureNames);
        Assert.Equal(["a, b", "c"], data.Classes);
        Assert.Equal([1.5, 3.0, 2.0, 4.0], data.Features);
    }

    [Fact]
    public void Blank_lines_are_skipped()
    {
        string path = _folder.Write("blank.csv", "x,y\n\n1,0\n\r\n2,1\n\n");

        var data = CsvDatasetReader.Read(path);

        Assert.Equal([1.0, 2.0], data.Features);
        Assert.Equal([0, 1], data.Labels);
    }

    [Fact]
    public void Given_classes_encode_a_file_even_when_some_classes_do_not_occur_in_it()
    {
        string path = _folder.Write("some.csv", "x,y\n1,c\n2,a\n");

        var data = CsvDatasetReader.Read(path, "y", ["a", "b", "c"]);

        Assert.Equal(["a", "b", "c"], data.Classes);
        Assert.Equal([2, 0], data.Labels);
    }

    [Fact]
    public void Given_integer_classes_match_labels_by_value()
    {
        string path = _folder.Write("test.csv", "x,y\n1,1.0\n2,0\n");

        var data = CsvDatasetReader.Read(path, "y", ["0", "1"]);

        Assert.Equal([1, 0], data.Labels);
    }

    [Fact]
    public void Reading_from_a_text_reader_names_the_given_source_in_errors()
    {
        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.Read(new StringReader("x,y\n1,0\nq,1\n"), "inline data"));

        Assert.StartsWith("inline data, line 3, column 1 (x):", error.Message, StringComparison.Ordinal);
    }
}
