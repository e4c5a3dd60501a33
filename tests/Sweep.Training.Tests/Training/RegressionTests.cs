using System.Globalization;
using System.Text;
using Sweep.Training.Activations;
using Sweep.Training.Data;
using Sweep.Training.Data.Tabular;
using Sweep.Training.GradientChecking;
using Sweep.Training.Initializers;
using Sweep.Training.Losses;
using Sweep.Training.Models;
using Sweep.Training.Networks;
using Sweep.Training.Optimizers;
using Sweep.Training.Random;
using Sweep.Training.Training;

namespace Sweep.Training.Tests.Training;

public class RegressionTests
{
    private const double Noise = 0.5;

    /// <summary>y = 3 x1 - 2 x2 + 10 + N(0, 0.5^2), the x's uniform on [-2, 2], rows in a CSV text.</summary>
    private static string LinearCsv(int rows, int seed)
    {
        RandomSource random = RandomSources.Create(RandomKind.Numpy, seed);
        var csv = new StringBuilder("x1,x2,y\n");
        for (int j = 0; j < rows; j++)
        {
            double x1 = 4 * random.NextDouble() - 2;
            double x2 = 4 * random.NextDouble() - 2;
            double y = 3 * x1 - 2 * x2 + 10 + Noise * random.NextGaussian();
            csv.Append(CultureInfo.InvariantCulture, $"{x1:R},{x2:R},{y:R}\n");
        }

        return csv.ToString();
    }

    private static DatasetSplit Split(string csv)
    {
        RawTable table = CsvDatasetReader.ReadTable(new StringReader(csv), "linear.csv", "y", new TableOptions { Regression = true });
        return TableEncoding.EncodeSplit(DatasetSplitter.Split(table.Cells, 0.25, 1), table.Categories, table.Categories, "y", MissingValues.Error);
    }

    private static TrialDefinition Linear(string optimizer = "adam", double l2 = 0, double keepProb = 1) => new()
    {
        Hidden = [8],
        Output = "linear",
        Initializer = "he",
        Normalize = true,
        Training = new TrainingOptions
        {
            Iterations = 1500, LearningRate = optimizer == "gd" ? 0.05 : 0.01, RecordEvery = 100, Seed = 1, L2Lambda = l2, KeepProb = keepProb,
            Optimizer = new OptimizerSettings { Name = optimizer },
        },
    };

    [Fact]
    public void A_regression_recovers_a_known_linear_function_to_within_its_noise()
    {
        DatasetSplit data = Split(LinearCsv(800, 5));

        TrialReport report = TrialRunner.Run(Linear(), data);

        Assert.Equal(TrialStatus.Completed, report.Status);
        Assert.True(report.GradientCheck!.Passed);
        // The noise's standard deviation is 0.5: a fit of the function itself has a test RMSE of about 0.5.
        Assert.InRange(report.Test!.Rmse!.Value, 0.4, 0.6);
        Assert.InRange(report.Test.R2!.Value, 0.98, 1.0);
        Assert.Null(report.Test.Accuracy);

        // At x = 0 the function is 10, at (1, -1) it is 15: the network predicts them within the noise.
        RawTable probe = CsvDatasetReader.ReadForModel(new StringReader("x1,x2\n0,0\n1,-1\n"), "probe.csv", ["x1", "x2"], [], "y");
        double[] predicted = [.. report.Model!.PredictRows(probe).Select(p => double.Parse(p, CultureInfo.InvariantCulture))];
        Assert.Equal(10.0, predicted[0], 0.3);
        Assert.Equal(15.0, predicted[1], 0.3);
    }

    [Theory]
    [InlineData("gd", 0.0, 1.0)]
    [InlineData("momentum", 0.7, 1.0)]
    [InlineData("adam", 0.0, 0.8)]
    [InlineData("adam", 0.7, 0.8)]
    public void Regression_trains_with_every_optimizer_l2_and_dropout_after_passing_its_gradient_check(string optimizer, double l2, double keepProb)
    {
        DatasetSplit data = Split(LinearCsv(400, 6));

        TrialReport report = TrialRunner.Run(Linear(optimizer, l2, keepProb), data);

        Assert.Equal(TrialStatus.Completed, report.Status);
        Assert.True(report.GradientCheck!.Passed, $"difference {report.GradientCheck.Difference}");
        Assert.True(report.Records[^1].Cost < report.Records[0].Cost);
        // L2 of 0.7 on 300 rows shrinks the fit a little; every setting still explains most of the variance.
        Assert.InRange(report.Test!.R2!.Value, 0.85, 1.0);
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    public void The_squared_error_gradient_passes_the_gradient_check_with_l2_and_dropout(string activation)
    {
        var architecture = new NetworkArchitecture([3, 6, 4, 1], ActivationRegistry.Create(activation), OutputLayerRegistry.Create("linear"));
        double[] parameters = ParameterInitialization.Create(architecture, new HeNormal(), RandomSources.Create(RandomKind.Numpy, 2));
        RandomSource random = RandomSources.Create(RandomKind.Numpy, 3);
        var features = new double[3 * 20];
        random.FillGaussian(features);
        var y = new double[20];
        random.FillGaussian(y);

        GradientCheckResult result = GradientChecker.Check(architecture, parameters, features, y, 0.7, 0.8, RandomSources.Create(RandomKind.Numpy, 4));

        Assert.True(result.Passed, $"difference {result.Difference:R}");
        Assert.True(result.Difference < 1e-7, $"difference {result.Difference:R}");
    }

    [Fact]
    public void The_cost_is_half_the_mean_squared_error_on_the_standardized_target()
    {
        var output = new LinearSquaredError();
        double[] z = [1.0, 2.0, 4.0];
        double[] y = [0.0, 2.0, 1.0];
        var dz = new double[3];

        double summed = output.SummedLoss(z, y, 1, 3);
        output.OutputGradient(z, y, dz, 1, 3);

        Assert.Equal(0.5 * (1.0 + 0.0 + 9.0), summed);
        Assert.Equal([1.0, 0.0, 3.0], dz);
    }

    [Fact]
    public void The_target_is_standardized_with_the_training_split_alone_and_reported_in_its_own_units()
    {
        // Test targets near 1000 would move a mean over all rows far from the training rows' 10-ish.
        string train = LinearCsv(200, 7);
        string test = "x1,x2,y\n0,0,1000\n1,1,1000\n";
        var (trainTable, testTable) = CsvDatasetReader.ReadTrainTestTables(new StringReader(train), "train.csv", new StringReader(test), "test.csv", "y", new TableOptions { Regression = true });
        DatasetSplit data = TableEncoding.EncodeSplit(new DatasetSplit(trainTable.Cells, testTable.Cells), trainTable.Categories, testTable.Categories, "y", MissingValues.Error);

        TrialReport report = TrialRunner.Run(Linear(), data);

        double mean = data.Train.Targets.Sum() / data.Train.ExampleCount;
        Assert.Equal(mean, report.Model!.TargetScaling!.Mean);
        Assert.InRange(report.Model.TargetScaling.Mean, 9.0, 11.0);
        // In the target's units the test rows miss by about 1000 - 10 or 1000 - 11.
        Assert.InRange(report.Test!.Rmse!.Value, 980.0, 995.0);
        TrainedModel loaded = TrainedModel.FromJson(report.Model.ToJson());
        Assert.Equal(report.Model.TargetScaling, loaded.TargetScaling);
        Assert.Equal(report.Model.Evaluate(data.Test), loaded.Evaluate(data.Test));
    }

    [Fact]
    public void A_text_target_under_a_linear_output_is_refused_at_its_cell()
    {
        var error = Assert.Throws<DatasetException>(() =>
            CsvDatasetReader.ReadTable(new StringReader("x,y\n1,2.5\n2,high\n"), "t.csv", "y", new TableOptions { Regression = true }));

        Assert.Equal(
            "t.csv, line 3, column 2 (y): \"high\" is not a finite number: a linear output predicts a number, so the target column must hold numbers (for classes use output sigmoid or softmax)",
            error.Message);
    }
}
