using System.Diagnostics;
using Sweep.Training.Data;

namespace Sweep.Config.Tests;

// A FIFO delivers its bytes once, to one reader: reading a file twice (to parse, to hash, to load again) blocks on the
// second open forever. Each FIFO here has a writer that writes once; a second open would never return.
public sealed class FifoTests : IDisposable
{
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(2);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_data_file_that_is_a_fifo_is_read_once_and_its_data_kept()
    {
        string fifo = MakeFifo("data/train.fifo");
        Task writer = WriteOnce(fifo, File.ReadAllText(DataFiles.PathOf("circles_train.csv")));
        string sweepPath = _folder.Write("sweep.yaml", """
            name: fifo
            dataset: { train: data/train.fifo, test: data/circles_test.csv, label: y }
            model: { hidden: [4] }
            """);

        SweepDefinition sweep = await Task.Run(() => SweepFile.Load(sweepPath)).WaitAsync(Hang);
        await writer.WaitAsync(Hang);

        DatasetSplit data = sweep.LoadData();
        Assert.Equal(300, data.Train.ExampleCount);
        Assert.Equal(CsvDatasetReader.Read(DataFiles.PathOf("circles_train.csv"), "y").Features, data.Train.Features);
    }

    [Fact]
    public async Task A_sweep_file_that_is_a_fifo_is_read_once()
    {
        string fifo = MakeFifo("sweep.fifo");
        Task writer = WriteOnce(fifo, SweepFiles.IssueExample);

        SweepDefinition sweep = await Task.Run(() => SweepFile.Load(fifo)).WaitAsync(Hang);
        await writer.WaitAsync(Hang);

        Assert.Equal("course-init", sweep.Name);
        Assert.Equal(3, sweep.ExpandTrials().Count);
    }

    private string MakeFifo(string name)
    {
        string path = Path.Combine(_folder.Path, name);
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    /// <summary>Opening a FIFO for writing waits for a reader; the writer then writes everything once and closes.</summary>
    private static Task WriteOnce(string fifo, string text) => Task.Run(() => File.WriteAllText(fifo, text));
}
