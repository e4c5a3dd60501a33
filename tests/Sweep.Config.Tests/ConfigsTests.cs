using Sweep.Training.Data;
using Sweep.Training.Training;

namespace Sweep.Config.Tests;

// The user-facing files in configs/ (copied beside the tests with data/ next to them, as in the repository).
public class ConfigsTests
{
    private static string[] ConfigNames =>
        [.. Directory.EnumerateFiles(DataFiles.ConfigsFolder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    public static TheoryData<string> ConfigFiles() => new(ConfigNames);

    [Fact]
    public void The_shipped_configs_are_all_there()
    {
        Assert.Subset(ConfigNames.ToHashSet(), new HashSet<string> { "course-initialization.yaml", "course-regularization.yaml", "quickstart.yaml" });
    }

    [Theory]
    [MemberData(nameof(ConfigFiles))]
    public void Every_config_parses_and_expands_to_distinct_trials(string fileName)
    {
        SweepDefinition sweep = SweepFile.Load(Path.Combine(DataFiles.ConfigsFolder, fileName));
        // TPE's later trials depend on results: check those it proposes before any result is in.
        var strategy = sweep.Search.CreateStrategy();
        IReadOnlyList<TrialPlan> trials = sweep.Search.Strategy.IsAdaptive
            ? [.. Enumerable.Range(0, strategy.Count).TakeWhile(strategy.CanAsk).SelectMany(i => sweep.Search.TrialsOf(strategy.Ask(i)))]
            : sweep.ExpandTrials();

        Assert.Equal(Path.GetFileNameWithoutExtension(fileName), sweep.Name);
        Assert.NotEmpty(trials);
        Assert.Equal(trials.Count, trials.Select(t => t.TrialId).Distinct().Count());
        Assert.All(trials, t => t.Definition.Training.Validate());
    }

    [Fact]
    public void The_quickstart_crosses_three_initializers_with_l2_and_dropout()
    {
        SweepDefinition sweep = SweepFile.Load(Path.Combine(DataFiles.ConfigsFolder, "quickstart.yaml"));

        Assert.Equal(["initializer", "l2_lambda", "keep_prob"], sweep.Axes);
        Assert.Equal(18, sweep.ExpandTrials().Count);
        Assert.All(sweep.ExpandTrials(), t => Assert.True(t.Definition.Normalize));
    }

    public static TheoryData<string, double, double> InitializationRows => new()
    {
        { "zeros", 0.5, 0.5 },
        { "random:10", 0.83, 0.86 },
        { "he", 0.9933333333333333, 0.96 },
    };

    [Theory]
    [MemberData(nameof(InitializationRows))]
    public void The_course_initialization_config_reproduces_the_course_row(string initializer, double train, double test)
    {
        SweepDefinition sweep = SweepFile.Load(Path.Combine(DataFiles.ConfigsFolder, "course-initialization.yaml"));
        TrialPlan trial = Assert.Single(sweep.ExpandTrials(), t => t.Parameters["initializer"] == initializer);

        TrialReport report = TrialRunner.Run(trial.Definition, sweep.LoadData());

        Assert.Equal(TrialStatus.Completed, report.Status);
        Assert.Equal((train, test), (report.Train!.Accuracy, report.Test!.Accuracy));
    }

    public static TheoryData<string, string, double, double> RegularizationRows => new()
    {
        { "0", "1", 0.9478672985781991, 0.915 },
        { "0.7", "1", 0.9383886255924171, 0.93 },
        { "0", "0.86", 0.9289099526066351, 0.95 },
    };

    [Theory]
    [MemberData(nameof(RegularizationRows))]
    public void The_course_regularization_config_reproduces_the_course_row(string lambda, string keepProb, double train, double test)
    {
        SweepDefinition sweep = SweepFile.Load(Path.Combine(DataFiles.ConfigsFolder, "course-regularization.yaml"));
        Assert.Equal(3, sweep.ExpandTrials().Count);
        TrialPlan trial = Assert.Single(sweep.ExpandTrials(), t => t.Parameters["l2_lambda"] == lambda && t.Parameters["keep_prob"] == keepProb);

        TrialReport report = TrialRunner.Run(trial.Definition, sweep.LoadData());

        Assert.Equal(TrialStatus.Completed, report.Status);
        Assert.Equal((train, test), (report.Train!.Accuracy, report.Test!.Accuracy));
    }
}
