using Sweep.Cli.Output;
using Sweep.Domain;
using Sweep.Search.Ranking;

namespace Sweep.Cli.Tests.Output;

/// <summary>The leaderboard of configurations trained with several seeds, as <c>sweep best</c> prints it.</summary>
public sealed class ConfigurationTableTests
{
    [Theory]
    [InlineData(3, "t0000000 t0000001 t0000002")]
    [InlineData(5, "t0000000 t0000001 t0000002 t0000003 t0000004")]
    [InlineData(500, "t0000000 t0000001 t0000002 t0000003 t0000004 +495 more")]
    public void A_configuration_names_its_first_five_trials_and_counts_the_rest(int seeds, string expected)
    {
        var trials = Enumerable.Range(0, seeds).Select(seed => new TrialResult
        {
            TrialId = $"t{seed:D7}{seed:D8}",
            Sweep = "s",
            SweepFileHash = "h",
            Status = TrialResultStatus.Completed,
            ConfigurationId = "c1",
            Seed = seed,
            TestAccuracy = 0.5,
        }).ToList();

        TextTable table = ConfigurationTable.Build(Leaderboard.Of(trials, TrialMetrics.TestAccuracy, higherIsBetter: true).TopConfigurations(1), TrialMetrics.TestAccuracy);

        var written = new StringWriter();
        Assert.True(table.TryWritePlain(written, 4096));
        string row = written.ToString().Split('\n')[3];
        Assert.EndsWith(expected, row.TrimEnd(), StringComparison.Ordinal);
    }
}
