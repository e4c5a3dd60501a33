namespace Sweep.Cli.Tests;

/// <summary>Sweep files the process tests share; <c>{data}</c> stands for the repository's data folder.</summary>
internal static class SweepFiles
{
    /// <summary>30 trials (a seed axis) of ~0.3 s each, so that a kill lands in the middle of the sweep.</summary>
    public const string Seeds = """
        name: seeds
        dataset: { train: "{data}/football_train.csv", test: "{data}/football_test.csv", label: y }
        model: { hidden: [20, 3], activation: relu }
        training: { iterations: 20000, learning_rate: 0.3, record_every: 1000 }
        search:
          initializer: [he, xavier, lecun]
          seed: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        """;
}
