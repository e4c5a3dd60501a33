using Sweep.Config;

namespace Sweep.Benchmarks.Search;

/// <summary>
/// One data set of the search-quality benchmark and the space searched on it, as the sweep file a user would write.
/// </summary>
/// <param name="Name">The data set, for the table.</param>
/// <param name="Dataset">The sweep file's <c>dataset:</c> mapping, paths relative to the repository's <c>data/</c>.</param>
/// <param name="Hidden">The <c>hidden</c> choices, sized to the data set's inputs and classes.</param>
/// <param name="Iterations">The <c>iterations</c> range: wider where an iteration is cheap.</param>
internal sealed record SearchQualityCase(string Name, string Dataset, string Hidden, string Iterations)
{
    /// <summary>
    /// Breast cancer and digits from the repository's <c>data/</c>, and moons with enough noise that the classes
    /// overlap. Each holds a quarter of the rest out for validation after a quarter for test, so the search chooses on
    /// rows the test accuracy never saw. An iteration on digits (1,000 rows of 64 features into wider layers, ten
    /// outputs) costs about 20 times one on breast cancer and 50 times one on moons, so its range of iterations is
    /// shorter: each data set's trials take about 0.02-0.6 s on the benchmark's machine.
    /// </summary>
    public static IReadOnlyList<SearchQualityCase> All { get; } =
    [
        new("breast_cancer",
            "{ train: breast_cancer.csv, label: malignant, test_fraction: 0.25, validation_fraction: 0.25 }",
            "[[8], [16], [16, 8]]",
            "[100, 2000]"),
        new("digits",
            "{ train: digits.csv, label: digit, test_fraction: 0.25, validation_fraction: 0.25 }",
            "[[32], [64], [64, 32]]",
            "[100, 1000]"),
        new("moons",
            "{ generator: moons, examples: 1000, noise: 0.3, seed: 1, test_fraction: 0.25, validation_fraction: 0.25 }",
            "[[8], [16], [16, 8]]",
            "[100, 3000]"),
    ];

    /// <summary>
    /// The sweep of <paramref name="samples"/> configurations by <paramref name="strategy"/> with sampler seed
    /// <paramref name="samplerSeed"/>, and nothing else a user would leave out (TPE's parallel stays at its default).
    /// The space holds a setting that matters a lot (the learning rate spans four decades of full-batch gradient
    /// descent, the lower two too slow to learn much in a few hundred steps) and some that matter less (L2, dropout,
    /// the width, the initializer, the iterations), so a strategy that learns has something to find. The gradient
    /// check is off: it checks the engine, not the search, and would cost more than short trials. xoshiro draws
    /// dropout masks faster than NumPy's generator.
    /// </summary>
    public SweepDefinition Sweep(string strategy, int samples, int samplerSeed, string dataFolder)
    {
        string text = $$"""
            name: search-quality-{{Name}}
            dataset: {{Dataset}}
            model: { activation: relu }
            training: { rng: xoshiro, seed: 1 }
            gradient_check: false
            strategy: { name: {{strategy}}, samples: {{samples}}, seed: {{samplerSeed}} }
            search:
              learning_rate: { log_uniform: [0.0001, 1] }
              l2_lambda: { uniform: [0, 2] }
              keep_prob: { uniform: [0.5, 1] }
              hidden: {{Hidden}}
              initializer: [he, xavier, lecun]
              iterations: { int: {{Iterations}} }
            metric: validation_accuracy
            """;
        // The text has no file of its own; naming one in the data folder makes the data paths relative to it.
        return SweepFile.Parse(text, Path.Combine(dataFolder, $"search-quality-{Name}.yaml"));
    }
}
