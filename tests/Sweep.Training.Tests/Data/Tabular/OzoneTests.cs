using System.Text;
using Sweep.Training.Data;
using Sweep.Training.Data.Tabular;
using Sweep.Training.Random;

namespace Sweep.Training.Tests.Data.Tabular;

// Los Angeles ozone, 1976 (data/ozone.csv, from ../shared/data): V1-V3 are month, day of month and day of week written
// as quoted numbers, many cells are empty, and the target V4 itself is empty on some days.
public class OzoneTests
{
    private static readonly string Path = DataFiles.PathOf("ozone.csv");

    private static RawTable Read(MissingValues missing) =>
        CsvDatasetReader.ReadTable(
            new StreamReader(Path, Encoding.UTF8), Path, "V4", new TableOptions { Missing = missing, Regression = true, Categorical = ["V1", "V2", "V3"] });

    [Fact]
    public void Rows_without_a_target_are_left_out_and_counted()
    {
        RawTable table = Read(MissingValues.Impute);

        int emptyTargets = File.ReadLines(Path).Skip(1).Count(line => line.Split(',')[3].Length == 0);
        Assert.True(emptyTargets > 0);
        Assert.Equal(emptyTargets, table.MissingLabelRows);
        Assert.Equal(366 - emptyTargets, table.Cells.ExampleCount);
        Assert.True(table.Cells.IsRegression);
    }

    [Fact]
    public void Month_day_and_weekday_are_categories_and_one_hot_encode_to_their_counts()
    {
        RawTable table = Read(MissingValues.Impute);
        TableEncoding encoding = TableEncoding.Fit(table.Cells, table.Categories, table.LabelColumn, MissingValues.Impute);

        Assert.Equal(["V1", "V2", "V3"], table.CategoricalColumns);
        Assert.Equal([.. Enumerable.Range(1, 12).Select(m => m.ToString(System.Globalization.CultureInfo.InvariantCulture))], encoding.Columns[0].Categories);
        Assert.Equal(31, encoding.Columns[1].Categories!.Count);
        Assert.Equal(7, encoding.Columns[2].Categories!.Count);
        int numericInputs = encoding.Columns.Skip(3).Sum(c => c.Width);
        Assert.Equal(12 + 31 + 7 + numericInputs, encoding.Width);
        Assert.Contains(encoding.Columns, c => c.Indicator);
    }

    [Fact]
    public void Every_missing_mode_reads_ozone_as_it_says()
    {
        var error = Assert.Throws<DatasetException>(() => Read(MissingValues.Error));
        Assert.Contains("the value is empty, and dataset.missing is error (the default)", error.Message, StringComparison.Ordinal);

        RawTable dropped = Read(MissingValues.Drop);
        RawTable imputed = Read(MissingValues.Impute);
        Assert.True(dropped.DroppedRows > 0);
        Assert.Equal(imputed.Cells.ExampleCount, dropped.Cells.ExampleCount + dropped.DroppedRows);
        Assert.Equal(0, dropped.EmptyCells);
        Assert.True(imputed.EmptyCells > 0);
    }

    [Fact]
    public void An_imputed_split_of_ozone_has_no_empty_input_left_and_no_test_row_in_its_means()
    {
        RawTable table = Read(MissingValues.Impute);
        DatasetSplit raw = DatasetSplitter.Split(table.Cells, 0.25, 1, RandomKind.Numpy);

        DatasetSplit data = TableEncoding.EncodeSplit(raw, table.Categories, table.Categories, "V4", MissingValues.Impute);

        Assert.DoesNotContain(data.Train.Features, double.IsNaN);
        Assert.DoesNotContain(data.Test.Features, double.IsNaN);
        for (int f = 0; f < raw.Train.FeatureCount; f++)
        {
            if (data.Encoding!.Columns[f].Fill is not { } fill)
            {
                continue;
            }

            double[] present = [.. raw.Train.Features.AsSpan(f * raw.Train.ExampleCount, raw.Train.ExampleCount).ToArray().Where(v => !double.IsNaN(v))];
            Assert.Equal(present.Sum() / present.Length, fill);
        }
    }
}
