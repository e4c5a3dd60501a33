namespace Sweep.Config.Tests;

/// <summary>A sweep's identity in the store is what its file means, not how the file is written.</summary>
public sealed class SettingsHashTests
{
    private static readonly string Data = DataFiles.PathOf("circles_train.csv");

    [Fact]
    public void Comments_layout_and_the_order_of_values_and_axes_leave_the_meaning_as_it_was()
    {
        string first = Hash($$"""
            name: s
            dataset: { train: "{{Data}}", test_fraction: 0.25, label: y }
            model: { hidden: [4] }
            training: { iterations: 10 }
            search:
              keep_prob: [0.8, 1.0]
              l2_lambda: [0, 0.1]
            """);
        string reordered = Hash($$"""
            # the same grid, written otherwise
            name: s
            dataset:
              train: "{{Data}}"
              label: y
              test_fraction: 0.25
            training: { iterations: 10 }
            model: { hidden: [4] }
            search:
              l2_lambda: [0.1, 0]
              keep_prob: [1.0, 0.8]
            """);

        Assert.Equal(first, reordered);
    }

    [Fact]
    public void Another_setting_value_or_metric_is_another_meaning()
    {
        const string Template = """
            name: s
            dataset: { train: "DATA", test_fraction: 0.25, label: y }
            model: { hidden: [4] }
            training: { iterations: ITERATIONS }
            metric: METRIC
            """;
        string Of(string iterations, string metric) =>
            Hash(Template.Replace("DATA", Data, StringComparison.Ordinal).Replace("ITERATIONS", iterations, StringComparison.Ordinal).Replace("METRIC", metric, StringComparison.Ordinal));

        string original = Of("10", "test_accuracy");

        Assert.NotEqual(original, Of("11", "test_accuracy"));
        Assert.NotEqual(original, Of("10", "test_cost"));
        Assert.Equal(original, Of("10", "test_accuracy"));
    }

    private static string Hash(string yaml) => SweepFile.Parse(yaml, Path.Combine(Path.GetTempPath(), "settings-hash.yaml")).SettingsHash;
}
