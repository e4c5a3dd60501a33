using Sweep.Training.Data;
using Sweep.Training.Data.Tabular;

namespace Sweep.Training.Tests.Data.Tabular;

/// <summary>CSV text read as tables and encoded as a sweep does: split first, the encoding fitted on the training rows.</summary>
internal static class Tables
{
    public static RawTable Read(string csv, string? label = null, MissingValues missing = MissingValues.Error, bool regression = false, params string[] categorical) =>
        CsvDatasetReader.ReadTable(new StringReader(csv), "table.csv", label, new TableOptions { Missing = missing, Regression = regression, Categorical = categorical });

    /// <summary>A training file and a test file, encoded with what the training file alone teaches.</summary>
    public static DatasetSplit TrainTest(string train, string test, string? label = null, MissingValues missing = MissingValues.Error, bool regression = false)
    {
        var (trainTable, testTable) = CsvDatasetReader.ReadTrainTestTables(
            new StringReader(train), "train.csv", new StringReader(test), "test.csv", label, new TableOptions { Missing = missing, Regression = regression });
        return TableEncoding.EncodeSplit(new DatasetSplit(trainTable.Cells, testTable.Cells), trainTable.Categories, testTable.Categories, trainTable.LabelColumn, missing);
    }

    /// <summary>Feature <paramref name="name"/> of every example.</summary>
    public static double[] Column(Dataset data, string name)
    {
        int f = data.FeatureNames.ToList().IndexOf(name);
        Assert.True(f >= 0, $"no feature '{name}' among {string.Join(", ", data.FeatureNames)}");
        return data.Features[(f * data.ExampleCount)..((f + 1) * data.ExampleCount)];
    }
}
