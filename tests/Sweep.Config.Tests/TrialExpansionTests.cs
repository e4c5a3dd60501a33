namespace Sweep.Config.Tests;

public sealed class TrialExpansionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private SweepDefinition Load(string text, string fileName = "sweep.yaml") => SweepFile.Load(_folder.Write(fileName, text));

    private static string SweepText(string search, string training = "iterations: 10", string name = "grid", string model = "hidden: [4]") => $"""
        name: {name}
        dataset: {"{"} train: data/circles_train.csv, test: data/circles_test.csv {"}"}
        model: {"{"} {model} {"}"}
        training: {"{"} {training} {"}"}
        search:
        {search}
        """;

    [Fact]
    public void Axes_over_training_and_model_scalars_form_the_product_with_the_last_axis_fastest()
    {
        SweepDefinition sweep = Load(SweepText("""
              learning_rate: [0.1, 0.01]
              activation: [relu, tanh, elu]
              optimizer: [adam]
            """));

        IReadOnlyList<TrialPlan> trials = sweep.ExpandTrials();

        Assert.Equal(["learning_rate", "activation", "optimizer"], sweep.Axes);
        Assert.Equal(
            [(0.1, "relu"), (0.1, "tanh"), (0.1, "elu"), (0.01, "relu"), (0.01, "tanh"), (0.01, "elu")],
            trials.Select(t => (t.Definition.Training.LearningRate, t.Definition.HiddenActivation)));
        Assert.All(trials, t => Assert.Equal("adam", t.Definition.Training.Optimizer.Name));
        Assert.All(trials, t => Assert.Equal(10, t.Definition.Training.Iterations));
        Assert.Equal("0.01", trials[3].Parameters["learning_rate"]);
        Assert.Equal("tanh", trials[4].Parameters["activation"]);
    }

    [Fact]
    public void Hidden_sizes_are_searched_as_a_list_of_lists()
    {
        SweepDefinition sweep = Load(SweepText("  hidden: [[10, 5], [20], []]", model: "activation: relu"));

        IReadOnlyList<TrialPlan> trials = sweep.ExpandTrials();

        Assert.Equal([[10, 5], [20], []], trials.Select(t => t.Definition.Hidden.ToArray()));
        Assert.Equal(["[10,5]", "[20]", "[]"], trials.Select(t => t.Parameters["hidden"]));
    }

    [Fact]
    public void Every_other_setting_can_be_an_axis()
    {
        SweepDefinition sweep = Load(SweepText("""
              iterations: [5]
              record_every: [2]
              batch_size: [0, 16]
              beta1: [0.5]
              beta2: [0.9]
              adam_epsilon: [1e-6]
              gradient_clip_norm: [1]
              dropout_masks: [fixed]
              dropout_seed: [7]
              shuffle_seed: [8]
              rng: [xoshiro]
              output: [softmax]
              normalize: [false]
            """, training: "learning_rate: 0.1"));

        var d = sweep.ExpandTrials()[1].Definition;

        Assert.Equal(2, sweep.ExpandTrials().Count);
        Assert.Equal((5, 2, 16), (d.Training.Iterations, d.Training.RecordEvery, d.Training.BatchSize));
        Assert.Equal((0.5, 0.9, 1e-6, 1.0), (d.Training.Optimizer.Beta1, d.Training.Optimizer.Beta2, d.Training.Optimizer.Epsilon, d.Training.GradientClipNorm));
        Assert.Equal((7, 8), (d.Training.DropoutSeed, d.Training.ShuffleSeed));
        Assert.Equal(global::Sweep.Training.Random.RandomKind.Xoshiro, d.Training.Random);
        Assert.Equal("softmax", d.Output);
        Assert.False(d.Normalize);
    }

    [Fact]
    public void Trial_ids_are_16_hex_characters_distinct_and_the_same_on_every_load()
    {
        string text = SweepText("""
              initializer: [zeros, "random:10", he]
              l2_lambda: [0, 0.7]
              keep_prob: [1.0, 0.86]
            """);

        IReadOnlyList<TrialPlan> first = Load(text).ExpandTrials();
        IReadOnlyList<TrialPlan> second = SweepFile.Parse(text, Path.Combine(_folder.Path, "again.yaml")).ExpandTrials();

        Assert.Equal(12, first.Count);
        Assert.Equal(12, first.Select(t => t.TrialId).Distinct().Count());
        Assert.All(first, t => Assert.Matches("^[0-9a-f]{16}$", t.TrialId));
        Assert.Equal(first.Select(t => t.TrialId), second.Select(t => t.TrialId));
    }

    [Fact]
    public void Trial_ids_do_not_depend_on_the_file_name_the_key_order_or_how_a_value_is_spelled()
    {
        string a = SweepText("  initializer: [he, \"random:10\"]", training: "iterations: 10, learning_rate: 0.1");
        string b = SweepText("  initializer: [HE, \"random:10.0\"]", training: "learning_rate: 1e-1, iterations: 10");

        Assert.Equal(Load(a, "a.yaml").ExpandTrials().Select(t => t.TrialId), Load(b, "b.yaml").ExpandTrials().Select(t => t.TrialId));
    }

    [Fact]
    public void Trial_ids_change_with_any_fixed_setting_and_with_the_sweep_name()
    {
        string baseline = Load(SweepText("  seed: [1]")).ExpandTrials()[0].TrialId;

        Assert.NotEqual(baseline, Load(SweepText("  seed: [1]", training: "iterations: 11")).ExpandTrials()[0].TrialId);
        Assert.NotEqual(baseline, Load(SweepText("  seed: [1]", model: "hidden: [5]")).ExpandTrials()[0].TrialId);
        Assert.NotEqual(baseline, Load(SweepText("  seed: [1]", name: "other")).ExpandTrials()[0].TrialId);
    }

    [Fact]
    public void A_fixed_value_and_a_one_value_axis_give_the_same_trial()
    {
        TrialPlan searched = Load(SweepText("  seed: [3]")).ExpandTrials()[0];
        TrialPlan fixedSeed = Load(SweepText("  learning_rate: [0.01]", training: "iterations: 10, seed: 3")).ExpandTrials()[0];

        Assert.Equal(searched.TrialId, fixedSeed.TrialId);
    }

    [Fact]
    public void Duplicate_grid_points_collapse_to_one_trial_at_their_first_place()
    {
        SweepDefinition sweep = Load(SweepText("""
              l2_lambda: [0.7, 0, 0.70, 0.0, -0.0]
            """));

        Assert.Equal([0.7, 0.0], sweep.ExpandTrials().Select(t => t.Definition.Training.L2Lambda));
    }

    [Fact]
    public void A_list_of_grids_runs_exactly_the_points_it_lists()
    {
        SweepDefinition sweep = Load(SweepText("""
              - { l2_lambda: [0], keep_prob: [1] }
              - { l2_lambda: [0.7] }
              - { keep_prob: [0.86] }
              - { l2_lambda: [0], keep_prob: [1.0] }
            """));

        IReadOnlyList<TrialPlan> trials = sweep.ExpandTrials();

        Assert.Equal(["l2_lambda", "keep_prob"], sweep.Axes);
        Assert.Equal([(0.0, 1.0), (0.7, 1.0), (0.0, 0.86)], trials.Select(t => (t.Definition.Training.L2Lambda, t.Definition.Training.KeepProb)));
        Assert.Equal(
            [("0", "1"), ("0.7", "1"), ("0", "0.86")],
            trials.Select(t => (t.Parameters["l2_lambda"], t.Parameters["keep_prob"])));
    }

    [Fact]
    public void Grids_of_a_list_may_search_different_settings_and_hidden_sizes()
    {
        SweepDefinition sweep = Load(SweepText("""
              - { hidden: [[3]], learning_rate: [0.1, 0.2] }
              - { hidden: [[8, 8]], optimizer: [adam] }
            """, model: "activation: relu"));

        IReadOnlyList<TrialPlan> trials = sweep.ExpandTrials();

        Assert.Equal(["hidden", "learning_rate", "optimizer"], sweep.Axes);
        Assert.Equal(3, trials.Count);
        Assert.Equal(("[8,8]", "0.01", "adam"), (trials[2].Parameters["hidden"], trials[2].Parameters["learning_rate"], trials[2].Parameters["optimizer"]));
    }

    [Fact]
    public void No_search_is_a_single_trial_of_the_fixed_settings()
    {
        SweepDefinition sweep = Load("""
            name: single
            dataset: { train: data/circles_train.csv, test: data/circles_test.csv }
            model: { hidden: [4] }
            search: {}
            """);

        Assert.Single(sweep.ExpandTrials());
    }
}
