using System.Diagnostics;
using System.Globalization;
using Sweep.Domain;

namespace Sweep.Storage.Tests;

public sealed class CrossProcessReadTests
{
    private const int Trials = 30;

    [Fact]
    public async Task Another_process_reads_the_store_while_this_one_holds_it_open_and_writes()
    {
        using var file = new TempStoreFile();
        using TrialStore store = TrialStore.Open(file.Path);
        store.RegisterSweep(SampleTrials.Sweep, SampleTrials.Fingerprint(), Trials, TrialMetrics.TestAccuracy);
        store.StoreBatch(Batch(0, 10));

        using Process reader = StartHelper("read-store", file.Path, SampleTrials.Sweep, Trials.ToString(CultureInfo.InvariantCulture), "45000");
        try
        {
            // The reader has read the first batch from its own process while this one holds the store open...
            Assert.Equal("seen 10", await ReadLine(reader));

            // ...and this one keeps writing while the other polls.
            store.StoreBatch(Batch(10, 20));
            store.StoreBatch(Batch(20, Trials));

            var lines = new List<string>();
            while (await ReadLine(reader) is { } line)
            {
                lines.Add(line);
            }

            await reader.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            string errors = await reader.StandardError.ReadToEndAsync();
            Assert.True(reader.ExitCode == 0, $"reader exited {reader.ExitCode}: {string.Join(" | ", lines)} {errors}");
            Assert.Equal($"seen {Trials}", lines[^2]);
            Assert.Equal($"best {Id(Trials - 1)}", lines[^1]);
            Assert.Equal(Trials, store.Trials(SampleTrials.Sweep).Count);
        }
        finally
        {
            if (!reader.HasExited)
            {
                reader.Kill();
            }
        }
    }

    [Fact]
    public void Two_shared_stores_on_one_file_see_each_others_writes()
    {
        using var file = new TempStoreFile();
        using TrialStore writer = TrialStore.Open(file.Path);
        using TrialStore reader = TrialStore.OpenReadOnly(file.Path);

        writer.StoreBatch(Batch(0, 3));
        Assert.Equal(3, reader.Trials().Count);
        writer.StoreBatch(Batch(3, 5));
        Assert.Equal(Id(4), reader.BestTrial()?.TrialId);
        Assert.Equal(5, writer.Trials().Count);
    }

    private static List<TrialResult> Batch(int from, int to) =>
        Enumerable.Range(from, to - from).Select(i => SampleTrials.Completed(Id(i), testAccuracy: 0.5 + (i / 100.0))).ToList();

    private static string Id(int i) => "t" + i.ToString("D4", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_process_holding_the_store_excludes_writers_and_once_killed_does_not_block_them()
    {
        using var file = new TempStoreFile();
        using TrialStore store = TrialStore.Open(file.Path);
        store.StoreBatch(Batch(0, 1));

        using Process holder = StartHelper("hold-lock", file.Path);
        Assert.Equal("holding", await ReadLine(holder));

        // The other process holds LiteDB's named mutex: this process's write waits for it...
        Task write = Task.Run(() => store.StoreBatch(Batch(1, 3)));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(write.IsCompleted, "a write went through while another process held the store");

        // ...and when that process dies holding it, the mutex is abandoned and the write takes it over.
        holder.Kill();
        await holder.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await write.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, store.Trials().Count);
    }

    private static Process StartHelper(params string[] arguments)
    {
        string assembly = typeof(CrossProcessReadTests).Assembly.Location;
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["exec", assembly, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {dotnet}");
    }

    private static async Task<string?> ReadLine(Process process) =>
        await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
}
