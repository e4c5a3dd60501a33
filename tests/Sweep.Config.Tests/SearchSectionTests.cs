using Sweep.Search.Distributions;
using Sweep.Search.Strategies;

namespace Sweep.Config.Tests;

/// <summary>Sampled searches in a sweep file: <c>strategy</c>, ranges, choices and <c>repeats</c>.</summary>
public sealed class SearchSectionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private SweepDefinition Load(string text) => SweepFile.Load(_folder.Write("sweep.yaml", text));

    private static string Sampled(string strategy, string search, string extra = "", string training = "seed: 5") => $"""
        name: sampled
        dataset: {"{"} train: data/circles_train.csv, test: data/circles_test.csv {"}"}
        model: {"{"} hidden: [4] {"}"}
        training: {"{"} {training} {"}"}
        strategy: {strategy}
        search:
        {search}
        {extra}
        """;

    private const string Space = """
          learning_rate: { log_uniform: [0.0001, 1.0] }
          l2_lambda: { uniform: [0, 1] }
          iterations: { int: [5, 50] }
          batch_size: { int: [1, 64], log: true }
          initializer: [he, xavier, lecun]
        """;

    [Fact]
    public void Ranges_and_choices_become_the_strategys_space_in_file_order()
    {
        SweepDefinition sweep = Load(Sampled("{ name: random, samples: 12, seed: 3 }", Space));

        SearchPlan search = sweep.Search;

        Assert.Equal(["learning_rate", "l2_lambda", "iterations", "batch_size", "initializer"], sweep.Axes);
        Assert.Equal(
            ["log_uniform [0.0001, 1]", "uniform [0, 1]", "int [5, 50]", "int [1, 64] log", "choice of he, xavier, lecun"],
            search.SearchedSettings.Select(s => s.Distribution));
        Assert.IsType<LogUniformDistribution>(search.Space!.Parameters[0].Distribution);
        Assert.Equal((12, 12L), (search.Configurations, search.PlannedTrials));
        Assert.IsType<RandomStrategy>(search.CreateStrategy());
    }

    [Fact]
    public void Random_trials_respect_their_ranges_and_are_the_same_on_every_load()
    {
        IReadOnlyList<TrialPlan> first = Load(Sampled("{ name: random, samples: 30, seed: 3 }", Space)).ExpandTrials();
        IReadOnlyList<TrialPlan> again = Load(Sampled("{ name: random, samples: 30, seed: 3 }", Space)).ExpandTrials();
        IReadOnlyList<TrialPlan> otherSeed = Load(Sampled("{ name: random, samples: 30, seed: 4 }", Space)).ExpandTrials();

        Assert.Equal(30, first.Count);
        Assert.Equal(first.Select(t => t.TrialId), again.Select(t => t.TrialId));
        Assert.NotEqual(first.Select(t => t.TrialId), otherSeed.Select(t => t.TrialId));
        Assert.All(first, t =>
        {
            Assert.InRange(t.Definition.Training.LearningRate, 0.0001, 1.0);
            Assert.InRange(t.Definition.Training.L2Lambda, 0, 1);
            Assert.InRange(t.Definition.Training.Iterations, 5, 50);
            Assert.InRange(t.Definition.Training.BatchSize, 1, 64);
            Assert.Contains(t.Definition.Initializer, new[] { "he", "xavier", "lecun" });
            Assert.Equal(5, t.Definition.Training.Seed);
        });
        Assert.True(first.Select(t => t.Definition.Training.LearningRate).Distinct().Count() == 30, "every draw of a real range differs");
    }

    [Fact]
    public void Repeats_train_each_configuration_with_consecutive_seeds_under_one_configuration_id()
    {
        SweepDefinition sweep = Load(Sampled("{ name: random, samples: 4 }", Space, "repeats: 3"));

        IReadOnlyList<TrialPlan> trials = sweep.ExpandTrials();

        Assert.Equal((12, 12L), (trials.Count, sweep.Search.PlannedTrials));
        Assert.Equal(4, trials.Select(t => t.ConfigurationId).Distinct().Count());
        Assert.All(trials.Chunk(3), configuration =>
        {
            Assert.Equal([5, 6, 7], configuration.Select(t => t.Definition.Training.Seed));
            Assert.Single(configuration.Select(t => t.ConfigurationId).Distinct());
            Assert.Equal(3, configuration.Select(t => t.TrialId).Distinct().Count());
            Assert.Single(configuration.Select(t => t.Definition.Training.LearningRate).Distinct());
        });
    }

    [Fact]
    public void A_grid_with_repeats_keeps_its_first_seeds_trial_ids()
    {
        string grid = """
            name: grid
            dataset: { train: data/circles_train.csv, test: data/circles_test.csv }
            model: { hidden: [4] }
            training: { iterations: 10, seed: 5 }
            search: { l2_lambda: [0, 0.5] }
            """;

        IReadOnlyList<TrialPlan> once = Load(grid).ExpandTrials();
        IReadOnlyList<TrialPlan> repeated = Load(grid + "\nrepeats: 2").ExpandTrials();

        Assert.Equal(once.Select(t => t.TrialId), repeated.Where(t => t.Definition.Training.Seed == 5).Select(t => t.TrialId));
        Assert.Equal(once.Select(t => t.ConfigurationId), repeated.Where(t => t.Definition.Training.Seed == 6).Select(t => t.ConfigurationId));
    }

    [Fact]
    public void Tpe_cannot_list_its_trials_before_it_runs_but_proposes_from_the_plan()
    {
        SweepDefinition sweep = Load(Sampled("{ name: tpe, samples: 20, seed: 1, parallel: 4 }", Space));

        Assert.Throws<InvalidOperationException>(() => sweep.ExpandTrials());
        ISearchStrategy strategy = sweep.Search.CreateStrategy();
        Assert.IsType<TpeStrategy>(strategy);
        Assert.Equal(20, strategy.Count);
        Assert.True(strategy.CanAsk(3));
        Assert.False(strategy.CanAsk(4));
        Assert.Equal("tpe, 20 configurations, seed 1, parallel 4", sweep.Search.Strategy.Describe());
    }

    [Theory]
    [InlineData("{ name: random, samples: 5 }", "  l2_lambda: { int: [0, 3] }", "search.l2_lambda", "real number")]
    [InlineData("{ name: random, samples: 5 }", "  iterations: { uniform: [1, 3] }", "search.iterations", "whole number")]
    [InlineData("{ name: random, samples: 5 }", "  learning_rate: { log_uniform: [0, 1] }", "search.learning_rate.log_uniform[0]", "positive")]
    [InlineData("{ name: random, samples: 5 }", "  l2_lambda: { uniform: [1, 0.5] }", "search.l2_lambda.uniform", "below the high end")]
    [InlineData("{ name: random, samples: 5 }", "  keep_prob: { uniform: [0.5, 2] }", "search.keep_prob.uniform[1]", "keep_prob")]
    [InlineData("{ name: random, samples: 5 }", "  activation: { uniform: [0, 1] }", "search.activation", "no range")]
    [InlineData("{ name: random }", "  l2_lambda: [0, 1]", "strategy.name", "samples")]
    [InlineData("{ name: random, samples: 5, parallel: 2 }", "  l2_lambda: [0, 1]", "strategy.parallel", "tpe only")]
    [InlineData("{ name: tpe, samples: 0 }", "  l2_lambda: [0, 1]", "strategy.samples", "from 1")]
    [InlineData("{ name: bayes, samples: 5 }", "  l2_lambda: [0, 1]", "strategy.name", "unknown strategy")]
    [InlineData("{ name: grid }", "  l2_lambda: { uniform: [0, 1] }", "search.l2_lambda", "strategy")]
    public void A_wrong_strategy_or_range_is_refused_where_it_is_written(string strategy, string search, string keyPath, string hint)
    {
        SweepFileException e = SweepFiles.Reject(_folder, Sampled(strategy, search));

        SweepFileError error = Assert.Single(e.Errors);
        Assert.Equal(keyPath, error.KeyPath);
        Assert.NotNull(error.Line);
        Assert.Contains(hint, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeats_with_a_searched_seed_are_refused()
    {
        SweepFileException e = SweepFiles.Reject(_folder, Sampled("{ name: random, samples: 5 }", "  seed: [1, 2]", "repeats: 3", training: "record_every: 5"));

        Assert.Contains("repeats already varies training.seed", Assert.Single(e.Errors).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_meaning_of_a_sampled_sweep_changes_with_its_strategy_but_not_with_its_formatting()
    {
        string a = Load(Sampled("{ name: random, samples: 5, seed: 1 }", Space)).SettingsHash;
        string reformatted = Load(Sampled("{ seed: 1,   name: random, samples: 5 }  # the same", Space)).SettingsHash;
        string otherSeed = Load(Sampled("{ name: random, samples: 5, seed: 2 }", Space)).SettingsHash;
        string otherRange = Load(Sampled("{ name: random, samples: 5, seed: 1 }", Space.Replace("[5, 50]", "[5, 60]", StringComparison.Ordinal))).SettingsHash;

        Assert.Equal(a, reformatted);
        Assert.NotEqual(a, otherSeed);
        Assert.NotEqual(a, otherRange);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("tpe")]
    public void More_samples_keep_the_first_configurations_and_the_meaning_so_a_stored_sweep_goes_on(string strategy)
    {
        string parallel = strategy == "tpe" ? ", parallel: 2" : string.Empty;
        SweepDefinition small = Load(Sampled($"{{ name: {strategy}, samples: 12, seed: 2{parallel} }}", Space));
        SweepDefinition large = Load(Sampled($"{{ name: {strategy}, samples: 16, seed: 2{parallel} }}", Space));

        Assert.Equal(small.SettingsHash, large.SettingsHash);
        Assert.Equal(16, large.Search.Configurations);
        Assert.Equal(Proposals(small, 12), Proposals(large, 16)[..12]);
    }

    /// <summary>The trial ids of every configuration, each told a made-up loss as soon as it is proposed.</summary>
    private static string[] Proposals(SweepDefinition sweep, int count)
    {
        ISearchStrategy strategy = sweep.Search.CreateStrategy();
        var ids = new List<string>();
        for (int i = 0; i < count; i++)
        {
            IReadOnlyList<TrialPlan> trials = sweep.Search.TrialsOf(strategy.Ask(i));
            ids.AddRange(trials.Select(t => t.TrialId));
            strategy.Tell(i, trials[0].Definition.Training.LearningRate);
        }

        return [.. ids];
    }
}
