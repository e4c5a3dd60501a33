using Sweep.Training.Data;
using Sweep.Training.Data.Tabular;
using Sweep.Training.Random;

namespace Sweep.Training.Tests.Data.Tabular;

public class MissingValueTests
{
    [Fact]
    public void An_empty_cell_under_the_default_is_refused_naming_the_cell_and_the_other_modes()
    {
        var error = Assert.Throws<DatasetException>(() => Tables.Read("x1,x2,y\n1,2,0\n3,,1\n"));

        Assert.Equal(
            "table.csv, line 3, column 2 (x2): the value is empty, and dataset.missing is error (the default); to keep the row, set dataset.missing: impute "
            + "(a numeric column gets the training split's mean plus an indicator column, a categorical one the category \"missing\"), or drop to leave out every row with an empty cell",
            error.Message);
        Assert.Equal((3, "2 (x2)"), (error.LineNumber, error.Column));
    }

    [Fact]
    public void Drop_leaves_out_every_row_with_an_empty_cell_and_counts_them()
    {
        RawTable table = Tables.Read("x1,c,y\n1,a,0\n,b,1\n3,,0\n4,b,1\n", missing: MissingValues.Drop);

        Assert.Equal(2, table.DroppedRows);
        Assert.Equal([1.0, 4.0], table.Cells.Features[..2]);
        Assert.Equal([0, 1], table.Cells.Labels);
        Assert.Equal(["a", "b"], table.Categories[1]);
    }

    [Theory]
    [InlineData(MissingValues.Error)]
    [InlineData(MissingValues.Impute)]
    [InlineData(MissingValues.Drop)]
    public void Rows_whose_label_is_empty_are_left_out_and_counted_in_every_mode(MissingValues missing)
    {
        RawTable table = Tables.Read("x,y\n1,a\n2,\n3,b\n4, \n5,a\n", missing: missing);

        Assert.Equal(2, table.MissingLabelRows);
        Assert.Equal([1.0, 3.0, 5.0], table.Cells.Features);
        Assert.Equal(["a", "b"], table.Cells.Classes);
    }

    // An export from R or pandas writes NA for a missing number: the column stays numeric, as with empty cells.
    [Theory]
    [InlineData("")]
    [InlineData("NA")]
    public void Impute_fills_a_numeric_cell_with_the_training_mean_and_adds_an_indicator(string missingCell)
    {
        DatasetSplit data = Tables.TrainTest($"x,y\n1,0\n{missingCell},1\n5,0\n", $"x,y\n{missingCell},1\n7,0\n", missing: MissingValues.Impute);

        Assert.Equal(["x", "x_missing"], data.Train.FeatureNames);
        Assert.Equal([1.0, 3.0, 5.0], Tables.Column(data.Train, "x"));
        Assert.Equal([0.0, 1.0, 0.0], Tables.Column(data.Train, "x_missing"));
        Assert.Equal([3.0, 7.0], Tables.Column(data.Test, "x"));
        Assert.Equal([1.0, 0.0], Tables.Column(data.Test, "x_missing"));
    }

    // The test file's values (1000, 2000) are far from the training file's: any of them in the mean moves it far from 2.
    [Fact]
    public void The_imputed_mean_comes_from_the_training_file_alone_not_from_the_test_file()
    {
        DatasetSplit data = Tables.TrainTest("x,y\n1,0\n2,1\n3,0\n,1\n", "x,y\n1000,0\n2000,1\n,0\n", missing: MissingValues.Impute);

        Assert.Equal(2.0, data.Encoding!.Columns[0].Fill);
        Assert.Equal(2.0, Tables.Column(data.Test, "x")[2]);
        Assert.Equal(2.0, Tables.Column(data.Train, "x")[3]);
    }

    [Fact]
    public void The_imputed_mean_of_a_split_file_comes_from_its_training_rows_not_its_validation_or_test_rows()
    {
        // Row j holds x = j, and every fourth row is empty: a mean over other rows than the training ones differs.
        string csv = "x,y\n" + string.Concat(Enumerable.Range(0, 40).Select(j => $"{(j % 4 == 3 ? "" : j.ToString(System.Globalization.CultureInfo.InvariantCulture))},{j % 2}\n"));
        RawTable table = Tables.Read(csv, missing: MissingValues.Impute);
        DatasetSplit raw = DatasetSplitter.Split(table.Cells, 0.25, 1, RandomKind.Numpy, validationFraction: 0.25);

        DatasetSplit data = TableEncoding.EncodeSplit(raw, table.Categories, table.Categories, table.LabelColumn, MissingValues.Impute);

        double[] trainValues = [.. raw.Train.Features.Where(v => !double.IsNaN(v))];
        double[] everyValue = [.. table.Cells.Features.Where(v => !double.IsNaN(v))];
        Assert.Equal(trainValues.Sum() / trainValues.Length, data.Encoding!.Columns[0].Fill);
        Assert.NotEqual(everyValue.Average(), data.Encoding.Columns[0].Fill!.Value, 6);
        Assert.NotEqual(raw.Train.Features.Concat(raw.Validation!.Features).Where(v => !double.IsNaN(v)).Average(), data.Encoding.Columns[0].Fill!.Value, 6);
    }

    [Fact]
    public void Impute_gives_an_empty_categorical_cell_the_category_missing()
    {
        DatasetSplit data = Tables.TrainTest("c,y\na,0\n,1\nb,0\n", "c,y\n,1\n", missing: MissingValues.Impute);

        Assert.Equal(["c=a", "c=b", "c=missing"], data.Train.FeatureNames);
        Assert.Equal([0.0, 1.0, 0.0], Tables.Column(data.Train, "c=missing"));
        Assert.Equal([1.0], Tables.Column(data.Test, "c=missing"));
    }

    [Fact]
    public void A_column_without_empty_training_cells_gets_the_mean_but_no_indicator()
    {
        DatasetSplit data = Tables.TrainTest("x,y\n2,0\n4,1\n", "x,y\n,1\n", missing: MissingValues.Impute);

        Assert.Equal(["x"], data.Train.FeatureNames);
        Assert.Equal([3.0], data.Test.Features);
    }

    [Theory]
    [InlineData("NA")]
    [InlineData("N/A")]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("null")]
    [InlineData("None")]
    [InlineData("#N/A")]
    public void Cells_that_pandas_reads_as_missing_are_missing_here_and_counted(string marker)
    {
        RawTable table = Tables.Read($"x,y\n1,0\n{marker},1\n3,0\n", missing: MissingValues.Impute);

        Assert.Null(table.Categories[0]);
        Assert.True(double.IsNaN(table.Cells.Features[1]));
        Assert.Equal((1, 1), (table.EmptyCells, table.MarkedCells));
    }

    [Fact]
    public void An_NA_cell_under_the_default_is_refused_naming_the_text_and_the_other_modes()
    {
        var error = Assert.Throws<DatasetException>(() => Tables.Read("x1,x2,y\n1,2,0\n3,NA,1\n"));

        Assert.StartsWith(
            "table.csv, line 3, column 2 (x2): \"NA\" marks a missing value, and dataset.missing is error (the default); to keep the row, set dataset.missing: impute",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void An_NA_cell_of_a_text_column_is_missing_too_and_drop_leaves_its_row_out()
    {
        RawTable table = Tables.Read("x,c,y\n1,a,0\n2,NA,1\n3,b,1\n", missing: MissingValues.Drop);

        Assert.Equal(1, table.DroppedRows);
        Assert.Equal(["a", "b"], table.Categories[1]);
        Assert.Equal([1.0, 3.0], table.Cells.Features[..2]);
    }

    [Fact]
    public void Text_that_only_resembles_a_marker_is_a_category_as_before()
    {
        RawTable table = Tables.Read("c,y\nNull,0\nnone,1\nNa,0\n", missing: MissingValues.Impute);

        Assert.Equal(["Null", "none", "Na"], table.Categories[0]);
        Assert.Equal((0, 0), (table.EmptyCells, table.MarkedCells));
    }
}
