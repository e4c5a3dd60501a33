namespace Sweep.Cli.Tests.Search;

/// <summary>
/// Sampled searches for the process tests: small networks on the football data, trials of a few hundred iterations,
/// a continuous space (so no two configurations come out the same), ranked on a validation split.
/// </summary>
internal static class SampledSweepFiles
{
    private const string TpeStrategy = "{ name: tpe, samples: 20, seed: 7, parallel: 4 }";

    /// <summary>16 configurations drawn at random, two seeds each: 32 trials.</summary>
    public static readonly SampledSweep Random = Sweep("random", "{ name: random, samples: 16, seed: 7 }", configurations: 16, repeats: 2, iterations: "[300, 600]");

    /// <summary>
    /// 20 configurations of TPE, four in flight, one seed each: 20 trials. TPE proposes from configuration 13 on (its
    /// first 10 usable outcomes are random draws, and configuration i sees only 0 .. i - 4). Trials of 200 to 800
    /// iterations on two slots often finish out of order, so a proposal that looked at whatever happened to be finished
    /// would differ between runs.
    /// </summary>
    public static readonly SampledSweep Tpe = Sweep("tpe", TpeStrategy, configurations: 20, repeats: 1, iterations: "[200, 800]");

    /// <summary>
    /// <see cref="Tpe"/> with two seeds per configuration (TPE learns from their mean: 40 trials) and trials of over a
    /// thousand iterations (a tenth of a second or more each), so that a kill lands in the middle of the sweep.
    /// </summary>
    public static readonly SampledSweep SlowTpe = Sweep("tpe", TpeStrategy, configurations: 20, repeats: 2, iterations: "[1000, 1500]");

    public static SampledSweep Named(string strategy) => strategy switch
    {
        "random" => Random,
        "tpe" => Tpe,
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "random or tpe"),
    };

    private static SampledSweep Sweep(string name, string strategy, int configurations, int repeats, string iterations) => new(
        $$"""
        name: {{name}}
        dataset: { train: "{data}/football_train.csv", test: "{data}/football_test.csv", label: y, validation_fraction: 0.25 }
        model: { hidden: [20, 3], activation: relu }
        training: { record_every: 100, seed: 3 }
        strategy: {{strategy}}
        search:
          learning_rate: { log_uniform: [0.01, 1.0] }
          l2_lambda: { uniform: [0, 1] }
          keep_prob: { uniform: [0.5, 1.0] }
          iterations: { int: {{iterations}} }
          initializer: [he, xavier, lecun]
        repeats: {{repeats}}
        metric: validation_accuracy
        """,
        configurations,
        repeats);
}

/// <summary>A sampled sweep file (with <c>{data}</c> for the data folder) and how many configurations and trials it has.</summary>
internal sealed record SampledSweep(string Yaml, int Configurations, int Repeats)
{
    public int Trials => Configurations * Repeats;
}
