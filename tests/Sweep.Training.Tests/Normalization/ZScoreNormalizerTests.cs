using System.Text.Json;
using Sweep.Training.Data;
using Sweep.Training.Normalization;
using Sweep.Training.Tests.Data;

namespace Sweep.Training.Tests.Normalization;

public class ZScoreNormalizerTests
{
    [Fact]
    public void Fit_takes_the_mean_and_population_standard_deviation_of_each_training_feature()
    {
        // Feature a: 1, 2, 3, 4 (mean 2.5, population variance 1.25); feature b: 10, 10, 20, 40 (mean 20, variance 150).
        var train = Set([1, 2, 3, 4], [10, 10, 20, 40]);

        var normalizer = ZScoreNormalizer.Fit(train);

        Assert.Equal([2.5, 20.0], normalizer.Mean);
        Assert.Equal(Math.Sqrt(1.25), normalizer.Std[0], 1e-15);
        Assert.Equal(Math.Sqrt(150.0), normalizer.Std[1], 1e-15);
    }

    [Fact]
    public void Normalized_training_features_have_mean_zero_and_population_std_one()
    {
        var train = CsvDatasetReader.Read(DataFiles.PathOf("breast_cancer.csv"), "malignant");

        var normalized = ZScoreNormalizer.Fit(train).Apply(train);

        int n = normalized.ExampleCount;
        for (int f = 0; f < normalized.FeatureCount; f++)
        {
            var row = normalized.Features.AsSpan(f * n, n).ToArray();
            double mean = row.Average();
            Assert.Equal(0.0, mean, 1e-12);
            Assert.Equal(1.0, Math.Sqrt(row.Select(x => (x - mean) * (x - mean)).Average()), 1e-12);
        }
    }

    [Fact]
    public void Test_set_is_normalized_with_the_training_statistics()
    {
        var train = Set([1, 2, 3, 4], [10, 10, 20, 40]);
        var test = Set([2.5, 2.5 + Math.Sqrt(1.25)], [20 - 2 * Math.Sqrt(150.0), 0]);

        var normalized = ZScoreNormalizer.Fit(train).Apply(test);

        Assert.Equal(0.0, normalized.Features[0], 1e-15);
        Assert.Equal(1.0, normalized.Features[1], 1e-15);
        Assert.Equal(-2.0, normalized.Features[2], 1e-15);
        Assert.Equal(-20.0 / Math.Sqrt(150.0), normalized.Features[3], 1e-15);
    }

    [Fact]
    public void Constant_feature_gets_std_one_and_maps_to_exactly_zero()
    {
        var train = Set([0.1, 0.1, 0.1], [1, 2, 3]);
        var normalizer = ZScoreNormalizer.Fit(train);

        var normalizedTrain = normalizer.Apply(train);
        var normalizedTest = normalizer.Apply(Set([2.1], [2]));

        Assert.Equal(0.1, normalizer.Mean[0]);
        Assert.Equal(1.0, normalizer.Std[0]);
        Assert.Equal([0.0, 0.0, 0.0], normalizedTrain.Features.AsSpan(0, 3).ToArray());
        Assert.Equal(2.0, normalizedTest.Features[0], 1e-15);
        Assert.All(normalizedTrain.Features, x => Assert.True(double.IsFinite(x)));
    }

    [Fact]
    public void Apply_returns_a_new_set_and_leaves_its_input_unchanged()
    {
        var train = Set([1, 2, 3, 4], [10, 10, 20, 40]);
        double[] before = (double[])train.Features.Clone();

        var normalized = ZScoreNormalizer.Fit(train).Apply(train);

        Assert.Equal(before, train.Features);
        Assert.NotSame(train.Features, normalized.Features);
        Assert.Equal(train.Labels, normalized.Labels);
        Assert.Same(train.Classes, normalized.Classes);
        Assert.Same(train.FeatureNames, normalized.FeatureNames);
    }

    [Fact]
    public void Apply_in_place_matches_apply_on_a_span_of_features_by_examples()
    {
        var train = Set([1, 2, 3, 4], [10, 10, 20, 40]);
        var normalizer = ZScoreNormalizer.Fit(train);
        double[] features = (double[])train.Features.Clone();

        normalizer.ApplyInPlace(features, 4);

        Assert.Equal(normalizer.Apply(train).Features, features);
    }

    [Fact]
    public void State_round_trips_through_json_and_normalizes_identically()
    {
        var train = CsvDatasetReader.Read(DataFiles.PathOf("circles_train.csv"));
        var normalizer = ZScoreNormalizer.Fit(train);

        var restored = JsonSerializer.Deserialize<ZScoreNormalizer>(JsonSerializer.Serialize(normalizer))!;

        Assert.Equal(normalizer.Mean, restored.Mean);
        Assert.Equal(normalizer.Std, restored.Std);
        Assert.Equal(normalizer.Apply(train).Features, restored.Apply(train).Features);
    }

    [Fact]
    public void Applying_to_a_set_with_another_feature_count_is_rejected()
    {
        var normalizer = ZScoreNormalizer.Fit(Set([1, 2], [3, 4]));

        var error = Assert.Throws<ArgumentException>(() => normalizer.Apply(new Dataset([1, 2], 1, [0, 1], ["0", "1"], ["a"])));

        Assert.Contains("1 features but the normalization was fitted on 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stored_std_that_is_not_positive_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new ZScoreNormalizer([0.0], [0.0]));
        Assert.Throws<ArgumentException>(() => new ZScoreNormalizer([0.0, 1.0], [1.0]));
    }

    /// <summary>A two-feature set from the values of each feature (one per example), labels alternating 0, 1.</summary>
    private static Dataset Set(double[] a, double[] b) => new(
        [.. a, .. b],
        2,
        [.. Enumerable.Range(0, a.Length).Select(j => j % 2)],
        ["0", "1"],
        ["a", "b"]);
}
