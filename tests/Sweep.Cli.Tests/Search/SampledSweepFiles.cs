namespace Sweep.Cli.Tests.Search;

/// <summary>
/// Sampled searches for the process tests: small networks on the football data, trials of a few hundred iterations,
/// a continuous space (so no two configurations come out the same), ranked on a validation split.
/// </summary>
internal static class SampledSweepFiles
{
    /// <summary>16 configurations drawn at random, one seed each: 16 trials.</summary>
    public static readonly SampledSweep Random = new(
        "random",
        Sweep("random", "{ name: random, samples: 16, seed: 7 }", repeats: 1, iterations: "[300, 600]"),
        16);

    /// <summary>
    /// 20 configurations of TPE, four in flight: TPE proposes from configuration 13 on (its first 10 usable outcomes are
    /// random draws, and configuration i sees only 0 .. i - 4), learning from outcomes averaged over two seeds: 40 trials.
    /// </summary>
    public static readonly SampledSweep Tpe = new("tpe", TpeSweep("[300, 600]"), 40);

    /// <summary>
    /// <see cref="Tpe"/> with trials of over a thousand iterations (a tenth of a second or more each), so that a kill lands
    /// in the middle of the sweep.
    /// </summary>
    public static readonly SampledSweep SlowTpe = new("tpe", TpeSweep("[1000, 1500]"), 40);

    public static SampledSweep Named(string strategy) => strategy switch
    {
        "random" => Random,
        "tpe" => Tpe,
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "random or tpe"),
    };

    private static string TpeSweep(string iterations) =>
        Sweep("tpe", "{ name: tpe, samples: 20, seed: 7, parallel: 4 }", repeats: 2, iterations);

    private static string Sweep(string name, string strategy, int repeats, string iterations) => $$"""
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
        """;
}

/// <summary>A sampled sweep file (with <c>{data}</c> for the data folder) and the number of trials it has.</summary>
internal sealed record SampledSweep(string Name, string Yaml, int Trials);
