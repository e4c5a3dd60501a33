using static Sweep.Config.Tests.SweepFiles;

namespace Sweep.Config.Tests;

// Every problem is reported before anything runs, as "file:line:column: key.path: what is wrong".
public sealed class SweepFileErrorTests : IDisposable
{
    private const string Head = """
        name: checks
        dataset: { train: data/circles_train.csv, test: data/circles_test.csv }
        model: { hidden: [4] }

        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void An_out_of_range_axis_value_is_named_by_its_index_file_line_and_column()
    {
        var e = Reject(_folder, Head + """
            search:
              keep_prob: [1.0, 1.5]
            """);

        SweepFileError error = ErrorAt(e, "search.keep_prob[1]", 5);
        Assert.Equal(20, error.Column);
        Assert.Equal(Path.Combine(_folder.Path, "sweep.yaml"), error.SourcePath);
        Assert.Equal($"{error.SourcePath}:5:20: search.keep_prob[1]: 1.5 is not allowed: keep_prob must be in [0.01, 1]: the probability of keeping a hidden unit, 1 for no dropout", e.Message);
    }

    [Theory]
    [InlineData("keep_prob: 0", "training.keep_prob", "0 is not allowed: keep_prob must be in [0.01, 1]")]
    [InlineData("l2_lambda: -0.1", "training.l2_lambda", "-0.1 is not allowed: l2_lambda must be 0 (no L2 penalty) or more")]
    [InlineData("iterations: 0", "training.iterations", "0 is not allowed: iterations must be positive")]
    [InlineData("learning_rate: -1", "training.learning_rate", "-1 is not allowed: learning_rate must be positive")]
    [InlineData("learning_rate: 0", "training.learning_rate", "0 is not allowed: learning_rate must be positive")]
    [InlineData("record_every: -5", "training.record_every", "-5 is not allowed: record_every must be positive")]
    [InlineData("batch_size: -1", "training.batch_size", "batch_size must be 0 (the full batch) or positive")]
    [InlineData("beta1: 1", "training.beta1", "1 is not allowed: beta1 must be in [0, 1)")]
    [InlineData("seed: -3", "training.seed", "seed must be 0 or more")]
    [InlineData("iterations: many", "training.iterations", "expected a whole number, but found 'many'")]
    [InlineData("iterations: 1.5", "training.iterations", "expected a whole number, but found '1.5'")]
    [InlineData("iterations: 99999999999", "training.iterations", "99999999999 is too large")]
    [InlineData("learning_rate: \"0.1\"", "training.learning_rate", "expected a number, but found the quoted text \"0.1\" (numbers are written without quotes)")]
    [InlineData("learning_rate: .nan", "training.learning_rate", "expected a finite number, but found '.nan'")]
    [InlineData("learning_rate: [0.1, 0.2]", "training.learning_rate", "found a list; to try several values, list them under search")]
    [InlineData("learning_rate:", "training.learning_rate", "expected a number, but found no value")]
    [InlineData("initializer: hee", "training.initializer", "unknown initializer 'hee': expected one of zeros, random:<scale>, he,")]
    [InlineData("initializer: random", "training.initializer", "needs a scale: write random:<scale>")]
    [InlineData("initializer: random:-1", "training.initializer", "the scale after 'random:' must be a positive number")]
    [InlineData("optimizer: adamw", "training.optimizer", "unknown optimizer \"adamw\": expected one of gd, momentum, adam; did you mean 'adam'?")]
    [InlineData("rng: mt19937", "training.rng", "unknown random generator \"mt19937\": expected one of numpy, xoshiro")]
    [InlineData("dropout_masks: frozen", "training.dropout_masks", "expected one of fresh, fixed")]
    [InlineData("learning_rte: 0.1", "training.learning_rte", "unknown key 'learning_rte'; did you mean 'learning_rate'?")]
    [InlineData("lr: 0.1", "training.lr", "unknown key 'lr'; did you mean 'learning_rate'?")]
    [InlineData("hidden: [3]", "training.hidden", "'hidden' is not a training setting: it belongs under 'model'")]
    public void A_bad_training_value_is_rejected_at_its_key(string line, string keyPath, string problem)
    {
        var e = Reject(_folder, Head + $"""
            training:
              {line}
            """);

        Assert.Contains(problem, ErrorAt(e, keyPath, 5).Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("activation: relux", "model.activation", "unknown activation \"relux\": expected one of relu, leaky_relu, tanh, sigmoid, elu, selu; did you mean 'relu'?")]
    [InlineData("output: identity", "model.output", "unknown output \"identity\": expected one of sigmoid, softmax, linear")]
    [InlineData("hidden: [10, 0]", "model.hidden[1]", "0 units: every hidden layer needs at least 1")]
    [InlineData("hidden: 10", "model.hidden", "expected a list of hidden layer sizes such as [10, 5], but found '10'")]
    [InlineData("hidden: [[10, 5], [20]]", "model.hidden[0]", "a list of alternatives such as [[10, 5], [20]] goes under search")]
    [InlineData("initializer: he", "model.initializer", "'initializer' is not a model setting: it belongs under 'training' (or under 'search' as a list of values to try)")]
    public void A_bad_model_value_is_rejected_at_its_key(string line, string keyPath, string problem)
    {
        var e = Reject(_folder, $"""
            name: checks
            dataset: {"{"} train: data/circles_train.csv, test: data/circles_test.csv {"}"}
            model:
              {line}
            """ + (line.StartsWith("hidden", StringComparison.Ordinal) ? string.Empty : "\n  hidden: [4]"));

        Assert.Contains(problem, ErrorAt(e, keyPath, 4).Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("initializer: []", "search.initializer", "the axis is empty: list at least one value to try, or remove 'initializer'")]
    [InlineData("initializer: he", "search.initializer", "expected a list of values to try, such as initializer: [a, b, c], but found 'he'; a single fixed value goes under training")]
    [InlineData("activation: [relu, tanhh]", "search.activation[1]", "did you mean 'tanh'?")]
    [InlineData("hidden: [10, 5]", "search.hidden[0]", "one network [10, 5] is written hidden: [[10, 5]]")]
    [InlineData("train: [a.csv]", "search.train", "'train' cannot be searched: the axes are the settings under model and training, and normalize")]
    [InlineData("learnin_rate: [0.1]", "search.learnin_rate", "unknown key 'learnin_rate'; did you mean 'learning_rate'?")]
    [InlineData("keep_prob: [0.5, 0, 1]", "search.keep_prob[1]", "0 is not allowed: keep_prob must be in [0.01, 1]")]
    [InlineData("l2_lambda: [-1]", "search.l2_lambda[0]", "-1 is not allowed: l2_lambda must be 0 (no L2 penalty) or more")]
    public void A_bad_axis_is_rejected_at_its_key(string line, string keyPath, string problem)
    {
        var e = Reject(_folder, Head + $"""
            search:
              {line}
            """);

        Assert.Contains(problem, ErrorAt(e, keyPath, 5).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unquoted_random_initializer_in_a_flow_list_is_explained()
    {
        var e = Reject(_folder, Head + """
            search:
              initializer: [zeros, random: 10]
            """);

        Assert.Contains("write the scaled normal initializer in quotes, \"random:10\"", ErrorAt(e, "search.initializer[1]", 5).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_setting_both_fixed_and_searched_is_an_error_naming_both_places()
    {
        var e = Reject(_folder, Head + """
            training:
              l2_lambda: 0.1
            search:
              l2_lambda: [0, 0.7]
            """);

        Assert.Equal(
            "'l2_lambda' is also given a fixed value (training.l2_lambda, line 5); a setting is either fixed or searched: remove one",
            ErrorAt(e, "search.l2_lambda", 7).Problem);
    }

    [Fact]
    public void An_empty_list_of_grids_is_an_error()
    {
        var e = Reject(_folder, Head + "search: []\n");

        Assert.Contains("an empty list of grids has no trials", ErrorAt(e, "search", 4).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_in_a_list_of_grids_name_the_grid_by_its_index()
    {
        var e = Reject(_folder, Head + """
            search:
              - { keep_prob: [1] }
              - { keep_prob: [2] }
            """);

        ErrorAt(e, "search[1].keep_prob[0]", 6);
    }

    [Theory]
    [InlineData("name: course init", "name", 1, "\"course init\" is not a usable name: use 1 to 100 letters, digits, '.', '_' and '-' (no spaces)")]
    [InlineData("name: [a]", "name", 1, "expected a name made of letters, digits, '.', '_' and '-', but found a list")]
    [InlineData("name: ok\nmetric: accuracy", "metric", 2, "unknown metric \"accuracy\": expected one of test_accuracy, train_accuracy, test_cost, train_cost, validation_accuracy, validation_cost")]
    [InlineData("name: ok\nlearning_rate: 0.1", "learning_rate", 2, "'learning_rate' belongs under 'training' (or under 'search' as a list of values to try)")]
    [InlineData("name: ok\ngradient_check: { enabled: maybe }", "gradient_check.enabled", 2, "expected true or false, but found 'maybe'")]
    [InlineData("name: ok\ngradient_check: { epsilon: 0 }", "gradient_check.epsilon", 2, "0 is not allowed: epsilon must be between 1e-10 and 0.01")]
    [InlineData("name: ok\ngradient_check: { epsilon: 1e-300 }", "gradient_check.epsilon", 2, "1E-300 is not allowed: epsilon must be between 1e-10 and 0.01: below, rounding in J(theta + eps) - J(theta - eps) swamps the difference")]
    [InlineData("name: ok\ngradient_check: { epsilon: 0.5 }", "gradient_check.epsilon", 2, "0.5 is not allowed: epsilon must be between 1e-10 and 0.01: below, rounding in J(theta + eps) - J(theta - eps) swamps the difference (it grows like 1/eps); above, the centered difference's truncation error (like eps^2) does")]
    [InlineData("name: ok\ngradient_check: { threshold: 1 }", "gradient_check.threshold", 2, "1 is not allowed: threshold must be between 0 and 1 (exclusive): the difference ||g - g_approx|| / (||g|| + ||g_approx||) is a relative error, never above 1")]
    [InlineData("name: ok\ngradient_check: { threshold: 0 }", "gradient_check.threshold", 2, "0 is not allowed: threshold must be between 0 and 1 (exclusive)")]
    [InlineData("name: ok\ngradient_check: { max_example: 3 }", "gradient_check.max_example", 2, "did you mean 'max_examples'?")]
    public void A_bad_top_level_value_is_rejected_at_its_key(string lines, string keyPath, int line, string problem)
    {
        var e = Reject(_folder, lines + """

            dataset: { train: data/circles_train.csv, test: data/circles_test.csv }
            model: { hidden: [4] }
            """);

        Assert.Contains(problem, ErrorAt(e, keyPath, line).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_keys_are_all_reported()
    {
        var e = Reject(_folder, "description: nothing else\n");

        Assert.Contains(e.Errors, x => x.Problem.StartsWith("missing 'name'", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Problem.StartsWith("missing 'dataset'", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Problem.StartsWith("missing 'hidden'", StringComparison.Ordinal));
        Assert.All(e.Errors, x => Assert.Equal(1, x.Line));
    }

    [Fact]
    public void A_grid_without_hidden_sizes_is_rejected_when_they_are_not_fixed()
    {
        var e = Reject(_folder, """
            name: checks
            dataset: { train: data/circles_train.csv, test: data/circles_test.csv }
            search:
              - { hidden: [[4]] }
              - { seed: [2] }
            """);

        Assert.Contains("this grid has no 'hidden' axis", ErrorAt(e, "search[1]", 5).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_errors_are_reported_together_in_file_order()
    {
        var e = Reject(_folder, """
            name: several
            dataset: { train: data/circles_train.csv, test: data/circles_test.csv }
            model: { hidden: [4], activation: relux }
            training:
              iterations: -1
              keep_prob: 2
            search:
              l2_lambda: []
            """);

        Assert.Equal(["model.activation", "training.iterations", "training.keep_prob", "search.l2_lambda"], e.Errors.Select(x => x.KeyPath));
        Assert.Equal([3, 5, 6, 8], e.Errors.Select(x => x.Line));
        Assert.StartsWith($"{Path.Combine(_folder.Path, "sweep.yaml")}: 4 errors", e.Message, StringComparison.Ordinal);
        Assert.Equal(5, e.Message.Split('\n').Length);
    }

    [Theory]
    [InlineData("name: a\nmodel: { hidden: [4\ndataset: {}\n", 3, "malformed YAML")]
    [InlineData("name: a\n  model: b\n", 2, "malformed YAML")]
    [InlineData("name: a\nname: b\n", 2, "malformed YAML: Duplicate key")]
    [InlineData("name: 'a\n", 1, "malformed YAML: While scanning a quoted scalar")]
    public void Malformed_yaml_is_reported_with_its_position(string text, int line, string problem)
    {
        var e = Reject(_folder, text);

        SweepFileError error = Assert.Single(e.Errors);
        Assert.Null(error.KeyPath);
        Assert.Equal(line, error.Line);
        Assert.StartsWith(problem, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"{Path.Combine(_folder.Path, "sweep.yaml")}:{line}:", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("# only a comment\n", "the file is empty")]
    [InlineData("- a\n- b\n", "expected a mapping of keys, but found a list")]
    [InlineData("name: a\n---\nname: b\n", "a second YAML document ('---') starts here")]
    public void A_file_that_is_not_one_mapping_is_rejected(string text, string problem)
    {
        var e = Reject(_folder, text);

        Assert.StartsWith(problem, Assert.Single(e.Errors).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grid_of_more_than_100000_trials_is_refused()
    {
        var e = Reject(_folder, Head + """
            search:
              seed: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
              dropout_seed: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
              shuffle_seed: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
              learning_rate: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
              iterations: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
              record_every: [1, 2]
            """);

        Assert.Contains("the search has more than 100000 trials", ErrorAt(e, "search", 5).Problem, StringComparison.Ordinal);
    }
}
