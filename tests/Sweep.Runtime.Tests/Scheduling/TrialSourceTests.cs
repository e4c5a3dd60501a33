using Sweep.Config;
using Sweep.Runtime.Scheduling;
using Sweep.Search.Strategies;
using Sweep.Training.Training;

namespace Sweep.Runtime.Tests.Scheduling;

public sealed class TrialSourceTests
{
    [Fact]
    public void The_first_definitions_of_a_listed_sweep_are_its_first_trials_in_order()
    {
        SweepPlan plan = RuntimeFixtures.Plan(trials: 5);

        TrialDefinition[] first = [.. plan.Trials.FirstDefinitions(3)];

        Assert.Equal([1, 2, 3], first.Select(definition => definition.Training.Seed));
        Assert.Equal(5, plan.Trials.FirstDefinitions(64).Count());
    }

    [Fact]
    public void A_search_that_learns_gives_only_the_configurations_it_proposes_before_any_outcome()
    {
        SweepDefinition definition = SweepFile.Parse(
            """
            name: tpe-first
            dataset: { generator: moons, examples: 40, noise: 0.1, test_fraction: 0.25 }
            model: { hidden: [3] }
            training: { iterations: 10, seed: 11 }
            strategy: { name: tpe, samples: 30, seed: 5 }
            search:
              learning_rate: { log_uniform: [0.0001, 1.0] }
            """,
            Path.Combine(Path.GetTempPath(), "tpe-first.yaml"));
        TrialSource source = TrialSource.From(definition.Search);
        ISearchStrategy strategy = source.CreateStrategy();

        TrialDefinition[] first = [.. source.FirstDefinitions(64)];

        Assert.InRange(first.Length, 1, strategy.Count - 1);
        Assert.False(strategy.CanAsk(first.Length));
        Assert.Equal(
            first.Select(d => d.Training.LearningRate),
            Enumerable.Range(0, first.Length).Select(i => source.TrialsOf(strategy.Ask(i))[0].Definition.Training.LearningRate));
    }
}
