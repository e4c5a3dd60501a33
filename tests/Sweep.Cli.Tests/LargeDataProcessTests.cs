using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Sweep.Cli.Tests;

// A data set larger than a remoting frame (64 MiB) reaching two `sweep worker` processes from `sweep coordinator`.
[Collection(SweepProcess.Collection)]
public class LargeDataProcessTests(ITestOutputHelper output)
{
    private const int Rows = 150_000;
    private const int Features = 60;

    [Fact]
    public void A_data_set_of_more_than_80_MB_reaches_two_worker_processes_in_chunks_and_every_trial_completes()
    {
        using var folder = new TempFolder();
        string csv = folder.File("wide.csv");
        WriteWideCsv(csv);
        Assert.True(new FileInfo(csv).Length > 80_000_000, $"the CSV is {new FileInfo(csv).Length} bytes");
        string file = folder.SweepFile("wide.yaml", """
            name: wide
            dataset: { train: wide.csv, test_fraction: 0.2, split_seed: 1, label: y }
            model: { hidden: [4], activation: relu }
            training: { iterations: 5, learning_rate: 0.1, record_every: 5 }
            search:
              seed: [1, 2, 3, 4, 5, 6]
            """);
        var (validated, validation) = SweepProcess.Run(folder.Path, "validate", file);
        Assert.True(validated == 0, validation);
        // 150,000 x (60 x 8 + 4) bytes.
        Assert.Contains("the data takes 69.2 MB", validation, StringComparison.Ordinal);
        string db = folder.File("wide.db");
        string seed = $"127.0.0.1:{SweepProcess.FreePort()}";

        using SweepProcess coordinator = SweepProcess.Start(folder.Path, "coordinator", file, "--db", db, "--port", seed.Split(':')[1]);
        using SweepProcess first = SweepProcess.Start(folder.Path, "worker", "--seed", seed, "--slots", "1");
        using SweepProcess second = SweepProcess.Start(folder.Path, "worker", "--seed", seed, "--slots", "1");
        long peakKiB = 0;
        SweepProcess.WaitUntil(
            () =>
            {
                peakKiB = Math.Max(peakKiB, coordinator.PeakMemoryKiB() ?? 0);
                return coordinator.HasExited;
            },
            TimeSpan.FromMinutes(4),
            first);

        output.WriteLine($"coordinator peak memory (VmHWM, last seen): {peakKiB:N0} KiB");
        Assert.True(coordinator.WaitForExit(TimeSpan.FromMinutes(1)) == 0, coordinator.Output);
        JsonArray stored = SweepProcess.Json(folder.Path, "trials", "--db", db);
        Assert.Equal(6, stored.Select(t => (string)t!["trial_id"]!).Distinct().Count());
        Assert.All(stored, t => Assert.Equal("completed", (string)t!["status"]!));
        Assert.DoesNotContain("Oversized", coordinator.Output, StringComparison.OrdinalIgnoreCase);
        Assert.All(new[] { first, second }, worker => Assert.DoesNotContain("did not arrive", worker.Output, StringComparison.Ordinal));
    }

    /// <summary>150,000 rows of 60 features with six decimals (about 86 MB), the label a function of two of them.</summary>
    private static void WriteWideCsv(string path)
    {
        var random = new Random(15);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 20);
        writer.WriteLine(string.Join(',', Enumerable.Range(0, Features).Select(i => $"x{i}")) + ",y");
        var line = new StringBuilder();
        for (int row = 0; row < Rows; row++)
        {
            line.Clear();
            double first = 0;
            for (int f = 0; f < Features; f++)
            {
                double value = (random.NextDouble() * 2) - 1;
                first += f < 2 ? value : 0;
                line.Append(value.ToString("F6", CultureInfo.InvariantCulture)).Append(',');
            }

            writer.WriteLine(line.Append(first > 0 ? '1' : '0'));
        }
    }
}
