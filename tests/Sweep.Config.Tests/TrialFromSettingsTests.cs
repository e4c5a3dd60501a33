using Sweep.Search;
using Sweep.Search.Strategies;

namespace Sweep.Config.Tests;

public sealed class TrialFromSettingsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Every_trial_of_a_grid_is_rebuilt_from_its_settings_with_its_id_and_definition()
    {
        string path = _folder.Write("grid.yaml", """
            name: grid
            dataset: { train: data/circles_train.csv, test: data/circles_test.csv }
            model: { activation: tanh }
            training: { iterations: 10, dropout_seed: 4 }
            gradient_check: { threshold: 1e-300 }
            search:
              hidden: [[16, 8], [3], []]
              initializer: [zeros, "random:10.0", he]
              l2_lambda: [0, 0.1, 1e-7]
              keep_prob: [0.86]
              rng: [numpy, xoshiro]
            """);
        SweepDefinition sweep = SweepFile.Load(path);

        IReadOnlyList<TrialPlan> trials = sweep.ExpandTrials();

        Assert.Equal(File.ReadAllText(path), sweep.Text);
        Assert.Equal(54, trials.Count);
        foreach (TrialPlan trial in trials)
        {
            TrialPlan rebuilt = sweep.Search.TrialFromSettings(trial.Settings);
            Assert.Equal((trial.TrialId, trial.ConfigurationId), (rebuilt.TrialId, rebuilt.ConfigurationId));
            Assert.Equal(trial.Settings, rebuilt.Settings);
            Assert.Equal(trial.Parameters, rebuilt.Parameters);
            Assert.Equal(trial.Definition, rebuilt.Definition, new DefinitionComparer());
        }
    }

    [Fact]
    public void A_trial_that_tpe_proposed_is_rebuilt_without_replaying_the_search()
    {
        SweepDefinition sweep = SweepFile.Load(_folder.Write("tpe.yaml", """
            name: tpe
            dataset: { train: data/circles_train.csv, test: data/circles_test.csv }
            model: { activation: relu }
            strategy: { name: tpe, samples: 14, seed: 3, parallel: 1 }
            search:
              learning_rate: { log_uniform: [0.0001, 1.0] }
              keep_prob: { uniform: [0.5, 1.0] }
              iterations: { int: [10, 100], log: true }
              hidden: [[4], [8, 4]]
            repeats: 2
            """));
        ISearchStrategy strategy = sweep.Search.CreateStrategy();
        var proposed = new List<TrialPlan>();
        for (int i = 0; i < 14; i++)
        {
            Configuration configuration = strategy.Ask(i);
            proposed.AddRange(sweep.Search.TrialsOf(configuration));
            strategy.Tell(i, i % 5 == 4 ? null : 0.1 * (i % 5));
        }

        foreach (TrialPlan trial in proposed)
        {
            TrialPlan rebuilt = sweep.Search.TrialFromSettings(trial.Settings);
            Assert.Equal(trial.TrialId, rebuilt.TrialId);
            Assert.Equal(trial.Definition, rebuilt.Definition, new DefinitionComparer());
        }
    }

    [Fact]
    public void A_setting_missing_or_not_allowed_is_refused_naming_it()
    {
        SweepDefinition sweep = SweepFile.Load(_folder.Write("grid.yaml", """
            name: grid
            dataset: { train: data/circles_train.csv, test: data/circles_test.csv }
            model: { hidden: [4] }
            search:
              keep_prob: [0.5]
            """));
        var settings = new Dictionary<string, string>(sweep.ExpandTrials()[0].Settings);

        var outOfRange = Assert.Throws<FormatException>(() => sweep.Search.TrialFromSettings(new Dictionary<string, string>(settings) { ["keep_prob"] = "2" }));
        settings.Remove("l2_lambda");
        var missing = Assert.Throws<FormatException>(() => sweep.Search.TrialFromSettings(settings));

        Assert.Contains("keep_prob=2", outOfRange.Message, StringComparison.Ordinal);
        Assert.Contains("must be in [0.01, 1]", outOfRange.Message, StringComparison.Ordinal);
        Assert.Contains("'l2_lambda'", missing.Message, StringComparison.Ordinal);
    }
}
