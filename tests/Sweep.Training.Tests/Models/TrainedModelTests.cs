using System.Text.Json;
using Sweep.Training.Data;
using Sweep.Training.Models;
using Sweep.Training.Tests.Course;
using Sweep.Training.Training;

namespace Sweep.Training.Tests.Models;

public class TrainedModelTests
{
    private static TrainedModel TrainBreastCancerModel(out DatasetSplit data)
    {
        Dataset all = CsvDatasetReader.Read(CourseData.PathOf("breast_cancer.csv"), "malignant");
        data = DatasetSplitter.Split(all, 0.25, seed: 2);
        var definition = new TrialDefinition
        {
            Hidden = [8],
            Initializer = "he",
            Normalize = true,
            Training = new TrainingOptions { Iterations = 300, LearningRate = 0.1, RecordEvery = 100, Seed = 1 },
        };
        return TrialRunner.Run(definition, data).Model!;
    }

    [Fact]
    public void A_saved_model_loads_back_and_predicts_the_same_from_raw_inputs()
    {
        TrainedModel model = TrainBreastCancerModel(out DatasetSplit data);
        string path = Path.Combine(Path.GetTempPath(), $"sweep-model-{Guid.NewGuid():N}.json");
        try
        {
            model.Save(path);
            TrainedModel loaded = TrainedModel.Load(path);

            Assert.Equal(model.Parameters, loaded.Parameters);
            Assert.Equal(model.Normalization!.Mean, loaded.Normalization!.Mean);
            Assert.Equal(model.Predict(data.Test.Features, data.Test.ExampleCount), loaded.Predict(data.Test.Features, data.Test.ExampleCount));
            Assert.Equal(model.Evaluate(data.Test), loaded.Evaluate(data.Test));
            Assert.True(loaded.Evaluate(data.Test).Accuracy > 0.9);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_model_json_has_the_documented_keys_and_shapes()
    {
        TrainedModel model = TrainBreastCancerModel(out _);

        using JsonDocument document = JsonDocument.Parse(model.ToJson());
        JsonElement root = document.RootElement;

        Assert.Equal([30, 8, 1], root.GetProperty("layers").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("relu", root.GetProperty("hidden_activation").GetString());
        Assert.Equal("sigmoid", root.GetProperty("output").GetString());
        JsonElement firstWeights = root.GetProperty("weights")[0];
        Assert.Equal(8, firstWeights.GetArrayLength());
        Assert.Equal(30, firstWeights[0].GetArrayLength());
        Assert.Equal(1, root.GetProperty("biases")[1].GetArrayLength());
        Assert.Equal(30, root.GetProperty("normalization").GetProperty("std").GetArrayLength());
        Assert.Equal(["0", "1"], root.GetProperty("classes").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void A_model_without_normalization_saves_null_and_loads_back()
    {
        TrainedModel model = TrialRunner.Run(new TrialDefinition { Hidden = [3], Normalize = false, Training = new() { Iterations = 5 } }, CourseData.Circles()).Model!;

        using JsonDocument document = JsonDocument.Parse(model.ToJson());

        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("normalization").ValueKind);
        Assert.Null(TrainedModel.FromJson(model.ToJson()).Normalization);
    }

    [Theory]
    [InlineData("{}", "layers")]
    [InlineData("not json", "not valid model JSON")]
    [InlineData("""{"layers":[2,1],"hidden_activation":"relu","output":"sigmoid","weights":[[[1,2,3]]],"biases":[[0]],"normalization":null,"classes":["0","1"]}""", "layer 1")]
    [InlineData("""{"layers":[2,1],"hidden_activation":"swish","output":"sigmoid","weights":[[[1,2]]],"biases":[[0]],"normalization":null,"classes":["0","1"]}""", "swish")]
    public void A_malformed_model_file_is_refused_with_what_is_wrong(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => TrainedModel.FromJson(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
