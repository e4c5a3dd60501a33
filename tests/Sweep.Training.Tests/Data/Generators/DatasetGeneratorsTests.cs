using Sweep.Training.Data;
using Sweep.Training.Data.Generators;
using Sweep.Training.Random;

namespace Sweep.Training.Tests.Data.Generators;

public class DatasetGeneratorsTests
{
    public static TheoryData<string> Names => [.. DatasetGenerators.Names];

    // The random draws (shuffle order and noise) are NumPy's exactly, so the labels match bit for bit; the coordinates
    // match to 1e-15 because NumPy's vectorized cos and sin may differ from the C library's in the last bit or two.
    [Theory]
    [InlineData("circles_train.csv", 1, 300)]
    [InlineData("circles_test.csv", 2, 100)]
    public void Circles_with_numpy_seed_reproduces_the_course_circles_file(string file, int seed, int examples)
    {
        var expected = CsvDatasetReader.Read(DataFiles.PathOf(file));

        var generated = CirclesGenerator.Generate(examples, 0.05, seed, RandomKind.Numpy);

        Assert.Equal(expected.Labels, generated.Labels);
        Assert.Equal(expected.FeatureNames, generated.FeatureNames);
        Assert.Equal(expected.Classes, generated.Classes);
        Assert.Equal(expected.Features.Length, generated.Features.Length);
        for (int i = 0; i < expected.Features.Length; i++)
        {
            Assert.Equal(expected.Features[i], generated.Features[i], 1e-15);
        }
    }

    // Rows of scikit-learn 1.2.1 / NumPy 1.24.2 output: make_blobs(302, n_features=3, centers=4, cluster_std=1.5,
    // random_state=5), rows 0, 1, 150 and 299. Blobs need no cos or sin, so they match bit for bit.
    [Fact]
    public void Blobs_with_numpy_seed_reproduces_scikit_learn_make_blobs_bit_for_bit()
    {
        var data = BlobsGenerator.Generate(302, 1.5, 5, RandomKind.Numpy, classes: 4, dimensions: 3);

        AssertRow(data, 0, [9.984032327769254, -2.4830653245220757, 4.013493909760537], 1, 0.0);
        AssertRow(data, 1, [6.369964498194898, -0.19804258365231553, -6.399941574700514], 2, 0.0);
        AssertRow(data, 150, [8.090527599464014, 0.24142300122671068, -2.690995913387072], 1, 0.0);
        AssertRow(data, 299, [-7.629368313834687, -8.242001240767202, 5.32341114867514], 3, 0.0);
    }

    // make_moons(301, noise=0.2, random_state=3), rows 0, 1, 150 and 299 (to 1e-15: NumPy's vectorized cos and sin).
    [Fact]
    public void Moons_with_numpy_seed_reproduces_scikit_learn_make_moons()
    {
        var data = MoonsGenerator.Generate(301, 0.2, 3, RandomKind.Numpy);

        AssertRow(data, 0, [-0.017684646677669905, 0.5145005958525442], 1, 1e-15);
        AssertRow(data, 1, [0.7341749074569293, -0.544029423470911], 1, 1e-15);
        AssertRow(data, 150, [0.9146498101839249, -0.21098246782595992], 1, 1e-15);
        AssertRow(data, 299, [2.028590290621452, -0.4859755340026477], 1, 1e-15);
    }

    // The CS231n snippet after np.random.seed(7) with N = 100, K = 3, noise 0.2: rows 0, 1, 150 and 299.
    [Fact]
    public void Spirals_with_numpy_seed_reproduce_the_cs231n_snippet()
    {
        var data = SpiralsGenerator.Generate(300, 0.2, 7, RandomKind.Numpy);

        AssertRow(data, 0, [0.0, 0.0], 0, 0.0);
        AssertRow(data, 1, [-0.000532918456677654, 0.010086942201640714], 0, 1e-15);
        AssertRow(data, 150, [-0.12988039158873352, 0.48806464380502673], 1, 1e-15);
        AssertRow(data, 299, [-0.6341221847032985, 0.7732328594072525], 2, 1e-15);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Generator_gives_the_same_set_for_the_same_seed_and_another_for_another_seed(string name)
    {
        var first = DatasetGenerators.Create(name, 120, 0.1, 4);
        var again = DatasetGenerators.Create(name, 120, 0.1, 4);
        var otherSeed = DatasetGenerators.Create(name, 120, 0.1, 5);
        var otherKind = DatasetGenerators.Create(name, 120, 0.1, 4, RandomKind.Xoshiro);

        Assert.Equal(first.Features, again.Features);
        Assert.Equal(first.Labels, again.Labels);
        Assert.NotEqual(first.Features, otherSeed.Features);
        Assert.NotEqual(first.Features, otherKind.Features);
    }

    [Theory]
    [InlineData("circles", 301, new[] { 150, 151 })]
    [InlineData("moons", 200, new[] { 100, 100 })]
    [InlineData("spirals", 301, new[] { 101, 100, 100 })]
    [InlineData("blobs", 302, new[] { 101, 101, 100 })]
    public void Generator_makes_the_requested_examples_split_evenly_over_the_classes(string name, int examples, int[] perClass)
    {
        var data = DatasetGenerators.Create(name, examples, 0.1, 3);

        Assert.Equal(examples, data.ExampleCount);
        Assert.Equal(2, data.FeatureCount);
        Assert.Equal(["x1", "x2"], data.FeatureNames);
        Assert.Equal(Enumerable.Range(0, perClass.Length).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)), data.Classes);
        Assert.Equal(perClass, Enumerable.Range(0, perClass.Length).Select(c => data.Labels.Count(label => label == c)));
    }

    [Fact]
    public void Binary_generators_have_classes_zero_and_one()
    {
        Assert.Equal(["0", "1"], DatasetGenerators.Create("circles", 10, 0.0, 1).Classes);
        Assert.Equal(["0", "1"], DatasetGenerators.Create("moons", 10, 0.0, 1).Classes);
    }

    [Fact]
    public void Circles_without_noise_lie_on_the_unit_circle_and_the_factor_circle()
    {
        var data = CirclesGenerator.Generate(100, 0.0, 9, factor: 0.3);

        for (int j = 0; j < data.ExampleCount; j++)
        {
            double radius = Math.Sqrt(Square(data.Features[j]) + Square(data.Features[100 + j]));
            Assert.Equal(data.Labels[j] == 0 ? 1.0 : 0.3, radius, 1e-12);
        }
    }

    [Fact]
    public void Moons_without_noise_lie_on_the_two_half_circles()
    {
        var data = MoonsGenerator.Generate(60, 0.0, 9);

        for (int j = 0; j < data.ExampleCount; j++)
        {
            double x = data.Features[j];
            double y = data.Features[60 + j];
            if (data.Labels[j] == 0)
            {
                Assert.Equal(1.0, Square(x) + Square(y), 1e-12);
                Assert.True(y >= 0.0);
            }
            else
            {
                Assert.Equal(1.0, Square(x - 1.0) + Square(y - 0.5), 1e-12);
                Assert.True(y <= 0.5);
            }
        }
    }

    [Fact]
    public void Spiral_arms_run_from_the_origin_out_to_radius_one_in_class_order()
    {
        var data = SpiralsGenerator.Generate(150, 0.2, 0, classes: 5);

        Assert.Equal(5, data.Classes.Count);
        for (int c = 0; c < 5; c++)
        {
            int first = c * 30;
            int last = first + 29;
            Assert.Equal(c, data.Labels[first]);
            Assert.Equal(c, data.Labels[last]);
            Assert.Equal(0.0, Radius(data, first), 1e-15);
            Assert.Equal(1.0, Radius(data, last), 1e-12);
        }
    }

    [Fact]
    public void Blobs_without_noise_put_every_example_of_a_class_on_its_center_inside_the_box()
    {
        var data = BlobsGenerator.Generate(40, 0.0, 2, classes: 4, dimensions: 3);

        Assert.Equal(3, data.FeatureCount);
        Assert.Equal(["x1", "x2", "x3"], data.FeatureNames);
        for (int c = 0; c < 4; c++)
        {
            var members = Enumerable.Range(0, 40).Where(j => data.Labels[j] == c).ToArray();
            Assert.Equal(10, members.Length);
            for (int f = 0; f < 3; f++)
            {
                double center = data.Features[f * 40 + members[0]];
                Assert.InRange(center, -10.0, 10.0);
                Assert.All(members, j => Assert.Equal(center, data.Features[f * 40 + j]));
            }
        }
    }

    [Fact]
    public void Blob_spread_follows_the_noise_as_a_standard_deviation()
    {
        var data = BlobsGenerator.Generate(20000, 0.5, 3, classes: 2, dimensions: 1);

        var members = Enumerable.Range(0, 20000).Where(j => data.Labels[j] == 0).Select(j => data.Features[j]).ToArray();
        double mean = members.Average();
        double std = Math.Sqrt(members.Select(x => Square(x - mean)).Average());
        Assert.Equal(0.5, std, 0.02);
    }

    [Fact]
    public void Create_passes_the_optional_settings_to_the_generator()
    {
        var parameters = new GeneratorParameters(90, 0.0, 1) { Classes = 6, Dimensions = 4 };

        var blobs = DatasetGenerators.Create("Blobs", parameters);
        var spirals = DatasetGenerators.Create(" spirals ", parameters with { Dimensions = null });
        var circles = DatasetGenerators.Create("circles", new GeneratorParameters(90, 0.0, 1) { Factor = 0.25 });

        Assert.Equal(6, blobs.Classes.Count);
        Assert.Equal(4, blobs.FeatureCount);
        Assert.Equal(6, spirals.Classes.Count);
        Assert.Equal(0.25, Radius(circles, Array.IndexOf(circles.Labels, 1)), 1e-12);
    }

    [Fact]
    public void Create_names_the_known_generators_for_an_unknown_name()
    {
        var error = Assert.Throws<DatasetException>(() => DatasetGenerators.Create("moon", 100, 0.1, 1));

        Assert.Equal("unknown data set generator 'moon': expected one of circles, moons, spirals, blobs", error.Message);
    }

    [Fact]
    public void Create_rejects_settings_the_generator_does_not_have()
    {
        var moonsFactor = Assert.Throws<DatasetException>(
            () => DatasetGenerators.Create("moons", new GeneratorParameters(100, 0.1, 1) { Factor = 0.5 }));
        var circlesClasses = Assert.Throws<DatasetException>(
            () => DatasetGenerators.Create("circles", new GeneratorParameters(100, 0.1, 1) { Classes = 3 }));
        var spiralsDimensions = Assert.Throws<DatasetException>(
            () => DatasetGenerators.Create("spirals", new GeneratorParameters(100, 0.1, 1) { Dimensions = 3 }));

        Assert.Contains("moons generator has no factor", moonsFactor.Message, StringComparison.Ordinal);
        Assert.Contains("circles generator always makes 2 classes, not 3", circlesClasses.Message, StringComparison.Ordinal);
        Assert.Contains("spirals generator always makes 2 features, not 3", spiralsDimensions.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("circles", 1, 0.1)]
    [InlineData("moons", 100, -0.1)]
    [InlineData("spirals", 2, 0.1)]
    [InlineData("blobs", 100, double.NaN)]
    public void Generator_rejects_too_few_examples_or_a_negative_noise(string name, int examples, double noise)
    {
        var error = Assert.Throws<DatasetException>(() => DatasetGenerators.Create(name, examples, noise, 1));

        Assert.Contains($"the {name} generator", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("moons", 2_000_000_000, 2, 3, "the moons generator makes at most 1000000 examples, not 2000000000")]
    [InlineData("blobs", 1000, 3, 2_000_000_000, "the blobs generator makes 1 to 1000 dimensions, not 2000000000")]
    [InlineData("blobs", 1_000_000, 3, 1000, "the blobs generator makes at most 10000000 coordinates (examples x dimensions), not 1000000 x 1000")]
    [InlineData("spirals", 1000, 2_000_000_000, 2, "the spirals generator makes 2 to 100 classes, not 2000000000")]
    public void Generator_refuses_sizes_beyond_its_limits_before_allocating(string name, int examples, int classes, int dimensions, string message)
    {
        var parameters = new GeneratorParameters(examples, 0.1, 1)
        {
            Classes = name == "moons" ? null : classes,
            Dimensions = name == "blobs" ? dimensions : null,
        };

        var error = Assert.Throws<DatasetException>(() => DatasetGenerators.Create(name, parameters));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Circles_rejects_a_factor_outside_zero_to_one()
    {
        var error = Assert.Throws<DatasetException>(() => CirclesGenerator.Generate(100, 0.1, 1, factor: 1.0));

        Assert.Contains("factor", error.Message, StringComparison.Ordinal);
    }

    private static void AssertRow(Dataset data, int example, double[] features, int label, double tolerance)
    {
        Assert.Equal(label, data.Labels[example]);
        for (int f = 0; f < features.Length; f++)
        {
            Assert.Equal(features[f], data.Features[f * data.ExampleCount + example], tolerance);
        }
    }

    private static double Square(double x) => x * x;

    private static double Radius(Dataset data, int j) =>
        Math.Sqrt(Square(data.Features[j]) + Square(data.Features[data.ExampleCount + j]));
}
