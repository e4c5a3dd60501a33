using Sweep.Training.Data;
using Sweep.Training.Tests.Course;
using Sweep.Training.Training;

namespace Sweep.Training.Tests.Training;

public class TrialRunnerTests
{
    private static TrialDefinition CourseHe(int iterations = 15000) => new()
    {
        Hidden = [10, 5],
        HiddenActivation = "relu",
        Output = "sigmoid",
        Initializer = "he",
        Normalize = false,
        Training = new TrainingOptions { Iterations = iterations, LearningRate = 0.01, RecordEvery = 1000, Seed = 3 },
    };

    [Fact]
    public void A_course_trial_passes_its_gradient_check_and_reproduces_the_course_accuracies()
    {
        TrialReport report = TrialRunner.Run(CourseHe(), CourseData.Circles());

        Assert.Equal(TrialStatus.Completed, report.Status);
        Assert.True(report.GradientCheck!.Passed, $"difference {report.GradientCheck.Difference}");
        Assert.Equal(0.9933333333333333, report.Train!.Accuracy);
        Assert.Equal(0.96, report.Test!.Accuracy);
        Assert.Equal(15000, report.IterationsRun);
        Assert.NotNull(report.Model);
    }

    [Theory]
    [InlineData("zeros")]
    [InlineData("random:10")]
    public void Gradient_check_passes_on_the_course_cases_a_naive_check_gets_wrong(string initializer)
    {
        TrialReport report = TrialRunner.Run(CourseHe(iterations: 1) with { Initializer = initializer }, CourseData.Circles());

        Assert.True(report.GradientCheck!.Passed, $"{initializer}: difference {report.GradientCheck.Difference}");
        Assert.Equal(TrialStatus.Completed, report.Status);
    }

    [Fact]
    public void A_trial_rerun_gives_bit_identical_results_even_when_trials_run_side_by_side()
    {
        var definition = CourseHe(iterations: 500) with
        {
            Normalize = true,
            Training = CourseHe().Training with { Iterations = 500, KeepProb = 0.8, BatchSize = 64, Optimizer = new() { Name = "adam" } },
        };
        DatasetSplit data = CourseData.Circles();
        TrialReport sequential = TrialRunner.Run(definition, data);

        var parallel = new TrialReport[2];
        Parallel.For(0, 2, i => parallel[i] = TrialRunner.Run(definition, data));

        foreach (TrialReport report in parallel)
        {
            Assert.Equal(sequential.Model!.Parameters, report.Model!.Parameters);
            Assert.Equal(sequential.Records.Select(r => r.Cost), report.Records.Select(r => r.Cost));
        }
    }

    [Fact]
    public void Another_seed_gives_other_weights()
    {
        DatasetSplit data = CourseData.Circles();
        TrialReport first = TrialRunner.Run(CourseHe(iterations: 10), data);
        TrialReport second = TrialRunner.Run(CourseHe(iterations: 10) with { Training = CourseHe().Training with { Iterations = 10, Seed = 4 } }, data);

        Assert.NotEqual(first.Model!.Parameters, second.Model!.Parameters);
    }

    [Fact]
    public void A_diverging_trial_stops_early_with_the_reason()
    {
        var definition = CourseHe(iterations: 1000) with
        {
            Initializer = "random:10",
            GradientCheck = null,
            Training = CourseHe().Training with { Iterations = 1000, LearningRate = 1e300 },
        };

        TrialReport report = TrialRunner.Run(definition, CourseData.Circles());

        Assert.Equal(TrialStatus.Diverged, report.Status);
        Assert.True(report.IterationsRun < 1000);
        Assert.Contains("iteration", report.Message, StringComparison.Ordinal);
        Assert.Null(report.Model);
    }

    [Fact]
    public void A_cancelled_trial_stops_between_iterations()
    {
        using var cancellation = new CancellationTokenSource();
        int records = 0;

        TrialReport report = TrialRunner.Run(CourseHe(iterations: 100_000) with { Training = CourseHe().Training with { Iterations = 100_000, RecordEvery = 10 } },
            CourseData.Circles(), _ =>
            {
                if (++records == 3)
                {
                    cancellation.Cancel();
                }
            }, cancellation.Token);

        Assert.Equal(TrialStatus.Cancelled, report.Status);
        Assert.Equal(21, report.IterationsRun);
        Assert.Equal(3, report.Records.Count);
    }

    [Fact]
    public void Progress_is_reported_at_every_record_point_and_at_the_last_iteration()
    {
        var iterations = new List<int>();

        TrialRunner.Run(CourseHe(iterations: 2500), CourseData.Circles(), r => iterations.Add(r.Iteration));

        Assert.Equal([0, 1000, 2000, 2499], iterations);
    }

    [Fact]
    public void A_multiclass_trial_trains_a_softmax_network_on_digits()
    {
        Dataset digits = CsvDatasetReader.Read(CourseData.PathOf("digits.csv"), "digit");
        DatasetSplit data = DatasetSplitter.Split(digits, 0.25, seed: 1);
        var definition = new TrialDefinition
        {
            Hidden = [32],
            Output = "softmax",
            Initializer = "he",
            Training = new TrainingOptions { Iterations = 300, LearningRate = 0.01, RecordEvery = 100, Optimizer = new() { Name = "adam" }, BatchSize = 128, Seed = 1 },
            GradientCheck = new() { MaxExamples = 8 },
        };

        TrialReport report = TrialRunner.Run(definition, data);

        Assert.Equal(TrialStatus.Completed, report.Status);
        Assert.True(report.Test!.Accuracy > 0.9, $"test accuracy {report.Test.Accuracy}");
        Assert.Equal(10, report.Model!.Classes.Count);
    }

    [Fact]
    public void A_trial_with_a_validation_split_reports_its_validation_accuracy_and_cost()
    {
        DatasetSplit data = DatasetSplitter.HoldOutValidation(CourseData.Circles(), 0.2, 1);

        TrialReport report = TrialRunner.Run(CourseHe(iterations: 2000), data);

        Assert.Equal(TrialStatus.Completed, report.Status);
        Assert.Equal(240, data.Train.ExampleCount);
        Assert.Equal(report.Model!.Evaluate(data.Validation!), report.Validation);
        Assert.Equal(report.Model.Evaluate(data.Train), report.Train);
    }

    [Fact]
    public void A_trial_without_a_validation_split_has_no_validation_evaluation()
    {
        TrialReport report = TrialRunner.Run(CourseHe(iterations: 10), CourseData.Circles());

        Assert.Null(report.Validation);
    }

    [Fact]
    public void Normalization_statistics_come_from_the_remaining_training_rows_only()
    {
        // One validation example lies a million units out: fitted on train and validation it would move the mean.
        Dataset train = Column([1, 2, 3, 4], [0, 1, 0, 1]);
        var data = new DatasetSplit(train, Column([2, 3], [0, 1]), Column([1_000_000, 2], [1, 0]));
        var definition = CourseHe(iterations: 5) with { Hidden = [3], Normalize = true, GradientCheck = null };

        TrialReport report = TrialRunner.Run(definition, data);

        Assert.Equal([2.5], report.Model!.Normalization!.Mean);
        Assert.NotNull(report.Validation);
    }

    private static Dataset Column(double[] values, int[] labels) => new(values, 1, labels, ["0", "1"], ["x"]);
}
