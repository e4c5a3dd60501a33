using Sweep.Training.Data;
using Sweep.Training.GradientChecking;
using Sweep.Training.Optimizers;
using Sweep.Training.Training;

namespace Sweep.Training.Tests.Training;

public sealed class TrainingWarmUpTests
{
    /// <summary>The course grid's shape, the initializer varying fastest: 12 trials of four kinds (L2 or not, dropout or not).</summary>
    private static readonly TrialDefinition[] CourseGrid =
    [
        .. from lambda in new[] { 0.0, 0.7 }
           from keepProb in new[] { 1.0, 0.86 }
           from initializer in new[] { "he", "xavier", "lecun" }
           select new TrialDefinition
           {
               Hidden = [20, 3],
               Initializer = initializer,
               Training = new TrainingOptions { Iterations = 15000, LearningRate = 0.3, L2Lambda = lambda, KeepProb = keepProb },
           },
    ];

    [Fact]
    public void Every_warm_up_network_trains_to_the_end_through_the_trial_path()
    {
        IReadOnlyList<TrialReport> reports = TrainingWarmUp.Run();

        Assert.Equal(4, reports.Count);
        Assert.All(reports, report => Assert.Equal(TrialStatus.Completed, report.Status));
        // The first takes the default path, gradient check included; the others skip it.
        Assert.True(reports[0].GradientCheck is { Passed: true });
        Assert.All(reports.Skip(1), report => Assert.Null(report.GradientCheck));
    }

    [Fact]
    public void Trials_that_differ_only_in_numbers_are_one_kind_and_each_kind_has_one_small_short_miniature()
    {
        IReadOnlyList<TrialDefinition> miniatures = TrainingWarmUp.MiniaturesOf(CourseGrid);

        Assert.Equal(
            [(false, false), (false, true), (true, false), (true, true)],
            miniatures.Select(m => (m.Training.L2Lambda > 0, m.Training.UsesDropout)));
        Assert.All(miniatures, m =>
        {
            Assert.Equal([8, 3], m.Hidden);
            Assert.Equal(8, m.Training.Iterations);
            Assert.NotNull(m.GradientCheck);
            Assert.Equal("he", m.Initializer);
        });
    }

    [Fact]
    public void A_known_sweep_warms_up_at_most_four_kinds_in_the_order_they_come()
    {
        TrialDefinition[] trials =
        [
            .. from output in new[] { "sigmoid", "softmax" }
               from optimizer in OptimizerSettings.Names
               select new TrialDefinition { Hidden = [4], Output = output, Training = new TrainingOptions { Optimizer = new OptimizerSettings { Name = optimizer } } },
        ];

        IReadOnlyList<TrialDefinition> miniatures = TrainingWarmUp.MiniaturesOf(trials);

        Assert.Equal(TrainingWarmUp.MaxKinds, miniatures.Count);
        Assert.Equal(["sigmoid gd", "sigmoid momentum", "sigmoid adam", "softmax gd"], miniatures.Select(m => $"{m.Output} {m.Training.Optimizer.Name}"));
    }

    [Fact]
    public void The_miniatures_of_a_known_sweep_train_to_the_end_on_its_own_examples()
    {
        IReadOnlyList<TrialReport> reports = TrainingWarmUp.Run(CourseGrid, Classification(examples: 200));

        Assert.Equal(4, reports.Count);
        Assert.All(reports, report =>
        {
            Assert.Equal(TrialStatus.Completed, report.Status);
            Assert.Equal(8, report.IterationsRun);
            Assert.Equal([2, 8, 3, 1], report.Model!.Architecture.LayerSizes);
            Assert.True(report.GradientCheck is { Passed: true });
        });
    }

    [Fact]
    public void A_trial_without_gradient_check_warms_up_without_it()
    {
        var trial = new TrialDefinition { Hidden = [20, 3], GradientCheck = null, Training = new TrainingOptions { Iterations = 1 } };

        TrialReport report = Assert.Single(TrainingWarmUp.Run([trial, trial with { Initializer = "xavier" }], Classification(examples: 30)));

        Assert.Equal(TrialStatus.Completed, report.Status);
        Assert.Null(report.GradientCheck);
    }

    [Fact]
    public void A_regression_sweep_warms_up_on_its_own_targets()
    {
        var trial = new TrialDefinition { Hidden = [6], Output = "linear", GradientCheck = new GradientCheckOptions() };
        var features = new double[50];
        var targets = new double[50];
        for (int j = 0; j < 50; j++)
        {
            features[j] = j / 50.0;
            targets[j] = 3 * features[j] + 1;
        }

        var set = new Dataset(features, 1, targets, ["x"]);

        TrialReport report = Assert.Single(TrainingWarmUp.Run([trial], new DatasetSplit(set, set)));

        Assert.Equal(TrialStatus.Completed, report.Status);
        Assert.Equal(1, report.Model!.Architecture.OutputSize);
        Assert.True(report.GradientCheck is { Passed: true });
    }

    private static DatasetSplit Classification(int examples)
    {
        var features = new double[2 * examples];
        var labels = new int[examples];
        for (int j = 0; j < examples; j++)
        {
            features[j] = Math.Sin(j * 0.37);
            features[examples + j] = Math.Cos(j * 1.3);
            labels[j] = features[j] + features[examples + j] > 0 ? 1 : 0;
        }

        var set = new Dataset(features, 2, labels, ["0", "1"], ["x1", "x2"]);
        return new DatasetSplit(set, set);
    }
}
