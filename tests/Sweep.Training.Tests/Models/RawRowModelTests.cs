using System.Text.Json;
using Sweep.Training.Data;
using Sweep.Training.Data.Tabular;
using Sweep.Training.Models;
using Sweep.Training.Tests.Data;
using Sweep.Training.Training;

namespace Sweep.Training.Tests.Models;

// A model trained on a table carries its encoders, imputation values, classes and target scaling, and predicts on raw rows.
public class RawRowModelTests
{
    private static readonly TrialDefinition Small = new()
    {
        Hidden = [8],
        Initializer = "he",
        Normalize = true,
        Training = new TrainingOptions { Iterations = 300, LearningRate = 0.1, RecordEvery = 100, Seed = 1 },
    };

    private static (TrainedModel Model, DatasetSplit Data, TrialReport Report) Votes()
    {
        string path = DataFiles.PathOf("house_votes_84.csv");
        RawTable table = CsvDatasetReader.ReadTable(new StreamReader(path), path, "Class", new TableOptions { Missing = MissingValues.Impute });
        DatasetSplit data = TableEncoding.EncodeSplit(
            DatasetSplitter.Split(table.Cells, 0.25, 1), table.Categories, table.Categories, table.LabelColumn, MissingValues.Impute);
        TrialReport report = TrialRunner.Run(Small, data);
        return (report.Model!, data, report);
    }

    [Fact]
    public void Text_class_labels_are_stored_in_their_order_and_come_back_from_the_json()
    {
        var (model, data, _) = Votes();

        TrainedModel loaded = TrainedModel.FromJson(model.ToJson());

        Assert.Equal(["democrat", "republican"], data.Train.Classes);
        Assert.Equal(["democrat", "republican"], loaded.Classes);
        using JsonDocument json = JsonDocument.Parse(model.ToJson());
        Assert.Equal(["democrat", "republican"], json.RootElement.GetProperty("classes").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void A_loaded_model_predicts_text_labels_on_raw_rows_with_empty_cells_as_the_trial_evaluated_them()
    {
        var (model, _, _) = Votes();
        TrainedModel loaded = TrainedModel.FromJson(model.ToJson());
        const string rows = "\"Class\",\"V1\",\"V2\",\"V3\",\"V4\",\"V5\",\"V6\",\"V7\",\"V8\",\"V9\",\"V10\",\"V11\",\"V12\",\"V13\",\"V14\",\"V15\",\"V16\"\n"
            + "\"republican\",\"n\",\"y\",\"n\",\"y\",\"y\",\"y\",\"n\",\"n\",\"n\",\"y\",,\"y\",\"y\",\"y\",\"n\",\"y\"\n"
            + ",\"y\",\"n\",\"y\",\"n\",\"n\",\"n\",\"y\",\"y\",\"y\",\"n\",\"y\",\"n\",\"n\",\"n\",\"y\",\n";
        RawTable table = CsvDatasetReader.ReadForModel(
            new StringReader(rows), "rows.csv", [.. loaded.Encoding!.Columns.Select(c => c.Name)], [.. loaded.Encoding.Columns.Where(c => c.IsCategorical).Select(c => c.Name)], "Class");

        string[] predictions = loaded.PredictRows(table);

        Assert.Equal(["republican", "democrat"], predictions);
        Assert.Equal(["republican", null!], table.LabelCells!.Select(c => c?.Length == 0 ? null : c));
    }

    [Fact]
    public void Predicting_on_the_raw_test_rows_gives_back_the_trials_test_accuracy()
    {
        string train = DataFiles.PathOf("circles_train.csv");
        string test = DataFiles.PathOf("circles_test.csv");
        var (trainTable, testTable) = CsvDatasetReader.ReadTrainTestTables(new StreamReader(train), train, new StreamReader(test), test, "y", new TableOptions());
        DatasetSplit data = TableEncoding.EncodeSplit(new DatasetSplit(trainTable.Cells, testTable.Cells), trainTable.Categories, testTable.Categories, "y", MissingValues.Error);
        TrialReport report = TrialRunner.Run(Small with { Hidden = [10, 5] }, data);
        TrainedModel model = TrainedModel.FromJson(report.Model!.ToJson());

        RawTable rows = CsvDatasetReader.ReadForModel(new StreamReader(test), test, ["x1", "x2"], [], "y");
        PredictionScore score = PredictionScore.Of(model, model.PredictRows(rows), rows.LabelCells!)!;

        Assert.False(score.IsRmse);
        Assert.Equal(report.Test!.Accuracy, score.Value);
        Assert.Equal(data.Test.ExampleCount, score.Rows);
    }

    [Fact]
    public void A_model_json_written_before_there_were_encodings_still_loads()
    {
        var (model, _, _) = Votes();
        var json = JsonDocument.Parse(model.ToJson()).RootElement.EnumerateObject()
            .Where(p => p.Name != "encoding")
            .ToDictionary(p => p.Name, p => p.Value.Clone());

        TrainedModel old = TrainedModel.FromJson(JsonSerializer.Serialize(json));

        Assert.Null(old.Encoding);
        Assert.Equal(model.Parameters, old.Parameters);
    }
}
