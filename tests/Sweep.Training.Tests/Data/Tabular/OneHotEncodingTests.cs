using Sweep.Training.Data;
using Sweep.Training.Data.Tabular;
using Sweep.Training.Training;

namespace Sweep.Training.Tests.Data.Tabular;

public class OneHotEncodingTests
{
    private const string Colours = "size,colour,y\n1,red,0\n2,green,1\n3,blue,0\n4,red,1\n5,green,0\n";

    [Fact]
    public void A_text_column_becomes_one_input_per_training_category_in_ordinal_order()
    {
        DatasetSplit data = Tables.TrainTest(Colours, "size,colour,y\n6,blue,1\n");

        Assert.Equal(["size", "colour=blue", "colour=green", "colour=red"], data.Train.FeatureNames);
        Assert.Equal(4, data.Train.FeatureCount);
        Assert.Equal([0.0, 0.0, 1.0, 0.0, 0.0], Tables.Column(data.Train, "colour=blue"));
        Assert.Equal([0.0, 1.0, 0.0, 0.0, 1.0], Tables.Column(data.Train, "colour=green"));
        Assert.Equal([1.0, 0.0, 0.0, 1.0, 0.0], Tables.Column(data.Train, "colour=red"));
        Assert.Equal([1.0, 2.0, 3.0, 4.0, 5.0], Tables.Column(data.Train, "size"));
        Assert.Equal([1.0], Tables.Column(data.Test, "colour=blue"));
    }

    [Fact]
    public void Declared_categorical_numbers_are_ordered_numerically_not_as_text()
    {
        RawTable table = Tables.Read("month,y\n10,0\n2,1\n1,0\n10,1\n", categorical: "month");
        TableEncoding encoding = TableEncoding.Fit(table.Cells, table.Categories, table.LabelColumn, MissingValues.Error);

        Assert.Equal(["1", "2", "10"], encoding.Columns[0].Categories);
        Assert.Equal(["month=1", "month=2", "month=10"], encoding.InputNames);
        Assert.Equal(3, encoding.Width);
    }

    [Fact]
    public void A_column_with_one_text_cell_is_categorical_and_its_numbers_are_categories_too()
    {
        RawTable table = Tables.Read("code,y\n7,0\n7,1\nA,0\n8,1\n");
        TableEncoding encoding = TableEncoding.Fit(table.Cells, table.Categories, table.LabelColumn, MissingValues.Error);

        Assert.Equal(["code"], table.CategoricalColumns);
        Assert.Equal(["7", "8", "A"], encoding.Columns[0].Categories);
        Assert.Equal([1.0, 1.0, 0.0, 0.0], encoding.Encode(table.Cells, table.Categories, out _).Features[..4]);
    }

    [Fact]
    public void A_category_the_training_split_lacks_is_all_zeros_and_counted_in_the_notes()
    {
        DatasetSplit data = Tables.TrainTest(Colours, "size,colour,y\n6,purple,1\n7,red,0\n8,purple,0\n");

        Assert.Equal(4, data.Test.FeatureCount);
        Assert.Equal([0.0, 0.0, 0.0], Tables.Column(data.Test, "colour=blue"));
        Assert.Equal([0.0, 0.0, 0.0], Tables.Column(data.Test, "colour=green"));
        Assert.Equal([0.0, 1.0, 0.0], Tables.Column(data.Test, "colour=red"));
        Assert.Equal("2 test cells have a category the training split lacks, encoded as all zeros (colour 2)", data.Notes);
    }

    [Fact]
    public void A_trial_on_data_with_unseen_categories_says_so_in_its_notes()
    {
        DatasetSplit data = Tables.TrainTest(Colours, "size,colour,y\n6,purple,1\n7,red,0\n");

        TrialReport report = TrialRunner.Run(
            new TrialDefinition { Hidden = [3], Training = new TrainingOptions { Iterations = 10, RecordEvery = 5 } }, data);

        Assert.Equal(TrialStatus.Completed, report.Status);
        Assert.Equal("1 test cell has a category the training split lacks, encoded as all zeros (colour 1)", report.Notes);
    }

    [Fact]
    public void A_test_only_category_never_becomes_an_input()
    {
        DatasetSplit data = Tables.TrainTest(Colours, "size,colour,y\n6,purple,1\n");

        Assert.DoesNotContain(data.Train.FeatureNames, n => n.Contains("purple", StringComparison.Ordinal));
        Assert.Equal(data.Train.FeatureNames, data.Test.FeatureNames);
    }

    [Fact]
    public void A_declared_categorical_column_that_does_not_exist_is_refused_with_the_columns()
    {
        var error = Assert.Throws<DatasetException>(() => Tables.Read("a,b,y\n1,2,0\n", categorical: "month"));

        Assert.Equal("table.csv, line 1: dataset.categorical names 'month', but there is no column 'month'; the feature columns are a, b", error.Message);
    }

    [Fact]
    public void A_text_cell_in_a_test_column_that_holds_numbers_in_training_is_refused_at_its_cell()
    {
        var error = Assert.Throws<DatasetException>(() => Tables.TrainTest(Colours, "size,colour,y\nbig,red,1\n"));

        Assert.StartsWith("test.csv, line 2, column 1 (size): \"big\" is not a number, but the column holds numbers in train.csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_numeric_table_is_not_re_encoded()
    {
        RawTable train = Tables.Read("x1,x2,y\n1,2,0\n3,4,1\n");
        DatasetSplit split = TableEncoding.EncodeSplit(new DatasetSplit(train.Cells, train.Cells), train.Categories, train.Categories, "y", MissingValues.Error);

        Assert.Same(train.Cells, split.Train);
        Assert.True(split.Encoding!.IsIdentity);
    }
}
