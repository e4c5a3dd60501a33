using System.Globalization;
using Sweep.Domain;
using Sweep.Insight.Importance;
using Sweep.Insight.Report;

namespace Sweep.Insight.Tests.Importance;

public sealed class PedAnovaTests
{
    private static TrialResult Trial(double accuracy, params string[] parameters) => Trials.Completed(parameters) with { TestAccuracy = accuracy };

    private static IReadOnlyList<SettingImportance> Importances(IReadOnlyList<TrialResult> trials, bool higherIsBetter = true) =>
        PedAnova.Of(trials, SearchedSetting.Of(trials), TrialMetrics.TestAccuracy, higherIsBetter);

    /// <summary>Random-search-like trials: a learning rate that decides the metric, and a noise setting that does not.</summary>
    private static List<TrialResult> LearningRateDecides()
    {
        var random = new Random(7);
        return [.. Enumerable.Range(0, 400).Select(_ =>
        {
            double rate = Math.Pow(10, -4 + 4 * random.NextDouble());
            double noise = random.NextDouble();
            double accuracy = 1 - Math.Abs(Math.Log10(rate) + 2) / 4;
            return Trial(accuracy, $"learning_rate={rate.ToString("R", CultureInfo.InvariantCulture)}", $"noise={noise.ToString("R", CultureInfo.InvariantCulture)}");
        })];
    }

    [Fact]
    public void The_setting_that_decides_the_metric_takes_most_of_the_importance()
    {
        IReadOnlyList<SettingImportance> importances = Importances(LearningRateDecides());

        Assert.Equal("learning_rate", importances[0].Setting);
        Assert.True(importances[0].Importance > 0.85, $"learning_rate {importances[0].Importance}");
        Assert.Equal(1.0, importances.Sum(i => i.Importance), 12);
    }

    [Fact]
    public void A_category_the_top_trials_all_share_is_the_important_one()
    {
        // Ten activations x three lambdas x three seeds: the nine relu trials are the best tenth, whatever their lambda or seed.
        var trials = new List<TrialResult>();
        var random = new Random(3);
        foreach (string activation in new[] { "relu", "tanh", "sigmoid", "leaky_relu", "elu", "selu", "gelu", "swish", "softplus", "linear" })
        {
            foreach (string l2 in new[] { "0", "0.1", "0.7" })
            {
                for (int seed = 0; seed < 3; seed++)
                {
                    double accuracy = (activation == "relu" ? 0.9 : 0.6) + random.NextDouble() * 0.01;
                    trials.Add(Trial(accuracy, $"activation={activation}", $"l2_lambda={l2}", $"seed={seed}"));
                }
            }
        }

        IReadOnlyList<SettingImportance> importances = Importances(trials);

        Assert.Equal("activation", importances[0].Setting);
        Assert.True(importances[0].Importance > 0.9, string.Join(", ", importances));
    }

    [Fact]
    public void The_direction_of_the_metric_picks_which_end_is_the_top()
    {
        // Higher is better: the top trials are those of a = "good"; lower is better: those of b = "low", and a does not matter.
        var trials = new List<TrialResult>();
        for (int i = 0; i < 60; i++)
        {
            string a = i % 2 == 0 ? "good" : "bad";
            string b = i % 3 == 0 ? "low" : "high";
            double value = a == "good" ? 0.5 + i * 0.001 : 0.4 - i * 0.001;
            if (b == "low")
            {
                value = a == "good" ? 0.01 + i * 0.0001 : value;
            }

            trials.Add(Trial(value, $"a={a}", $"b={b}"));
        }

        Assert.Equal("a", Importances(trials, higherIsBetter: true)[0].Setting);
        Assert.Equal("b", Importances(trials, higherIsBetter: false)[0].Setting);
    }

    [Fact]
    public void Too_few_completed_trials_give_every_setting_the_same_share()
    {
        TrialResult[] trials = [Trial(0.9, "a=1", "b=x"), Trial(0.5, "a=2", "b=y")];

        IReadOnlyList<SettingImportance> importances = Importances(trials);

        Assert.Equal([("a", 0.5), ("b", 0.5)], importances.Select(i => (i.Setting, i.Importance)));
    }

    [Fact]
    public void A_setting_with_one_value_gets_no_share()
    {
        var trials = LearningRateDecides().Select(t => t with { Parameters = new Dictionary<string, string>(t.Parameters) { ["hidden"] = "10" } }).ToList();

        IReadOnlyList<SettingImportance> importances = Importances(trials);

        Assert.DoesNotContain(importances, i => i.Setting == "hidden");
        Assert.Equal(2, importances.Count);
    }
}
