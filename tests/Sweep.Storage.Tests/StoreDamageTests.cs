using LiteDB;
using Sweep.Domain;

namespace Sweep.Storage.Tests;

public sealed class StoreDamageTests : IDisposable
{
    private readonly TempStoreFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public void A_store_cut_short_of_a_page_is_damaged_and_never_recreated()
    {
        WriteStore(3);
        byte[] bytes = File.ReadAllBytes(_file.Path);
        File.WriteAllBytes(_file.Path, bytes[..5000]);

        var queried = Assert.Throws<DamagedStoreException>(() => TrialStore.OpenReadOnly(_file.Path));
        var written = Assert.Throws<DamagedStoreException>(() => TrialStore.Open(_file.Path));

        Assert.Contains(_file.Path, queried.Message, StringComparison.Ordinal);
        Assert.Contains("5000 bytes", written.Message, StringComparison.Ordinal);
        Assert.Equal(bytes[..5000], File.ReadAllBytes(_file.Path));
    }

    [Fact]
    public void A_store_cut_at_a_page_boundary_is_damaged_for_queries_and_runs()
    {
        WriteStore(3);
        byte[] bytes = File.ReadAllBytes(_file.Path);
        File.WriteAllBytes(_file.Path, bytes[..(bytes.Length - 8192)]);

        var queried = Assert.Throws<DamagedStoreException>(() => TrialStore.OpenReadOnly(_file.Path));
        Assert.Throws<DamagedStoreException>(() => TrialStore.Open(_file.Path));

        Assert.Contains($"names {bytes.Length / 8192} pages", queried.Message, StringComparison.Ordinal);
        Assert.Equal(bytes.Length - 8192, new FileInfo(_file.Path).Length);
    }

    [Fact]
    public void Queries_open_the_store_read_only_and_leave_it_byte_for_byte()
    {
        WriteStore(3);
        byte[] before = File.ReadAllBytes(_file.Path);

        using (TrialStore store = TrialStore.OpenReadOnly(_file.Path))
        {
            Assert.Equal(3, store.Trials().Count);
            Assert.NotNull(store.BestTrial());
            Assert.Throws<InvalidOperationException>(() => store.StoreBatch([SampleTrials.Completed("x", 0.5)]));
        }

        Assert.Equal(before, File.ReadAllBytes(_file.Path));
    }

    [Fact]
    public void An_empty_file_is_not_a_store_for_queries()
    {
        File.WriteAllBytes(_file.Path, []);

        var exception = Assert.Throws<TrialStoreException>(() => TrialStore.OpenReadOnly(_file.Path));

        Assert.Contains("empty", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(_file.Path).Length);
    }

    [Fact]
    public void A_trial_document_that_is_not_a_trial_is_left_out_and_reported()
    {
        WriteStore(3);
        Corrupt("t1", doc => doc["status"] = 42);

        using TrialStore store = TrialStore.OpenReadOnly(_file.Path);
        IReadOnlyList<TrialResult> trials = store.Trials();

        Assert.Equal(["t0", "t2"], trials.Select(t => t.TrialId).Order());
        UnreadableTrial unreadable = Assert.Single(store.UnreadableTrials);
        Assert.Equal("t1", unreadable.TrialId);
        Assert.Contains("t1", store.Check().UnreadableTrials.Single().Problem, StringComparison.Ordinal);
        Assert.False(store.Check().IsIntact);
    }

    [Fact]
    public void Best_skips_an_unreadable_trial_and_takes_the_next()
    {
        WriteStore(3);
        Corrupt("t2", doc => doc["hidden"] = "wide");

        using TrialStore store = TrialStore.OpenReadOnly(_file.Path);
        IReadOnlyList<TrialResult> best = store.Best(null, 2, TrialMetrics.TestAccuracy, higherIsBetter: true);

        Assert.Equal(["t1", "t0"], best.Select(t => t.TrialId));
        Assert.Equal("t2", Assert.Single(store.UnreadableTrials).TrialId);
    }

    [Fact]
    public void Showing_an_unreadable_trial_says_it_is_damaged()
    {
        WriteStore(2);
        Corrupt("t0", doc => doc.Remove("node"));

        using TrialStore store = TrialStore.OpenReadOnly(_file.Path);
        var exception = Assert.Throws<DamagedStoreException>(() => store.Get("t0"));

        Assert.Contains("t0", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_intact_store_checks_intact_with_every_document_counted()
    {
        WriteStore(4);

        StoreCheckReport report = TrialStore.CheckFile(_file.Path);

        Assert.True(report.IsIntact);
        Assert.Equal((1, 4, 4), (report.Sweeps, report.Trials, report.Models));
    }

    [Fact]
    public void Random_byte_damage_never_escapes_as_anything_but_a_store_error_and_never_changes_the_file()
    {
        WriteStore(12);
        byte[] original = File.ReadAllBytes(_file.Path);
        var random = new Random(20261204);
        for (int round = 0; round < 60; round++)
        {
            byte[] damaged = (byte[])original.Clone();
            int flips = random.Next(1, 40);
            int start = random.Next(damaged.Length);
            for (int i = 0; i < flips; i++)
            {
                damaged[(start + random.Next(4096)) % damaged.Length] = (byte)random.Next(256);
            }

            File.WriteAllBytes(_file.Path, damaged);
            try
            {
                using TrialStore store = TrialStore.OpenReadOnly(_file.Path);
                _ = store.Trials();
                _ = store.Sweeps();
                _ = store.BestTrial();
                _ = store.Check();
            }
            catch (TrialStoreException)
            {
                // Named damage is the expected outcome of most rounds; anything else fails the test.
            }

            _ = TrialStore.CheckFile(_file.Path);
            Assert.Equal(damaged, File.ReadAllBytes(_file.Path));
        }
    }

    private void WriteStore(int trials)
    {
        using TrialStore store = TrialStore.Open(_file.Path, shared: false);
        store.RegisterSweep(SampleTrials.Sweep, SampleTrials.Fingerprint(), trials);
        store.StoreBatch([.. Enumerable.Range(0, trials).Select(i => SampleTrials.Completed($"t{i}", 0.5 + (0.1 * i)))]);
    }

    /// <summary>Rewrites one trial document through LiteDB itself, as another program or a partial write might.</summary>
    private void Corrupt(string id, Action<BsonDocument> change)
    {
        using var database = new LiteDatabase(new ConnectionString { Filename = _file.Path, Connection = ConnectionType.Direct });
        ILiteCollection<BsonDocument> trials = database.GetCollection("trials");
        BsonDocument document = trials.FindById(id);
        change(document);
        trials.Update(document);
    }
}
