using Sweep.Domain;
namespace Sweep.Storage.Tests;

public sealed class SweepRegistrationTests : IDisposable
{
    private const string OtherHash = "77aa55bb0011223344556677889900aabbccddee";

    private readonly TempStoreFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public void A_new_name_is_registered()
    {
        using TrialStore store = TrialStore.Open(_file.Path);

        SweepRegistration registration = store.RegisterSweep(SampleTrials.Sweep, SampleTrials.Fingerprint(), 12, TrialMetrics.TestAccuracy);

        Assert.Equal(SweepRegistrationOutcome.New, registration.Outcome);
        Assert.False(registration.IsRefused);
        SweepInfo stored = Assert.Single(store.Sweeps());
        Assert.Equal((SampleTrials.Sweep, SampleTrials.Hash, 12, TrialMetrics.TestAccuracy, 0), (stored.Name, stored.FileHash, stored.TrialCount, stored.Metric, stored.StoredTrials));
        Assert.Equal(TimeSpan.Zero, stored.CreatedAt.Offset);
    }

    [Fact]
    public void The_same_name_and_file_resumes_and_counts_what_is_stored()
    {
        using TrialStore store = TrialStore.Open(_file.Path);
        SweepInfo first = store.RegisterSweep(SampleTrials.Sweep, SampleTrials.Fingerprint(), 12).Sweep;
        store.StoreBatch([SampleTrials.Completed("a", 0.9), SampleTrials.Diverged("b")]);

        SweepRegistration again = store.RegisterSweep(SampleTrials.Sweep, SampleTrials.Fingerprint(), 12);

        Assert.Equal(SweepRegistrationOutcome.Resumed, again.Outcome);
        Assert.Equal(2, again.Sweep.StoredTrials);
        Assert.Equal(first.CreatedAt, again.Sweep.CreatedAt);
        Assert.Contains("2 of 12", again.Message, StringComparison.Ordinal);
        Assert.Single(store.Sweeps());
    }

    [Fact]
    public void A_sweep_resumed_with_a_larger_budget_counts_its_new_number_of_trials()
    {
        using TrialStore store = TrialStore.Open(_file.Path);
        store.RegisterSweep(SampleTrials.Sweep, SampleTrials.Fingerprint(), 12);
        store.StoreBatch([SampleTrials.Completed("a", 0.9)]);

        SweepRegistration again = store.RegisterSweep(SampleTrials.Sweep, SampleTrials.Fingerprint(), 20);

        Assert.Equal(SweepRegistrationOutcome.Resumed, again.Outcome);
        Assert.Contains("1 of 20 trials already stored, 19 to run", again.Message, StringComparison.Ordinal);
        Assert.Equal(20, Assert.Single(store.Sweeps()).TrialCount);
    }

    [Fact]
    public void The_same_name_from_a_changed_file_is_refused_with_both_hashes_and_what_to_do()
    {
        using TrialStore store = TrialStore.Open(_file.Path);
        store.RegisterSweep(SampleTrials.Sweep, SampleTrials.Fingerprint(), 12);

        SweepRegistration refused = store.RegisterSweep(SampleTrials.Sweep, SampleTrials.Fingerprint(OtherHash), 20);

        Assert.True(refused.IsRefused);
        Assert.Equal(SampleTrials.Hash, refused.Sweep.FileHash);
        Assert.Equal(12, refused.Sweep.TrialCount);
        Assert.Contains(SampleTrials.Hash[..12], refused.Message, StringComparison.Ordinal);
        Assert.Contains(OtherHash[..12], refused.Message, StringComparison.Ordinal);
        Assert.Contains("Rename the sweep", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--db", refused.Message, StringComparison.Ordinal);
        Assert.Contains(SampleTrials.Sweep, refused.Message, StringComparison.Ordinal);

        // Nothing changed.
        SweepInfo stored = Assert.Single(store.Sweeps());
        Assert.Equal((SampleTrials.Hash, 12), (stored.FileHash, stored.TrialCount));
    }

    [Fact]
    public void Sweeps_are_listed_oldest_first_with_their_stored_counts()
    {
        using TrialStore store = TrialStore.Open(_file.Path);
        store.RegisterSweep("first", SampleTrials.Fingerprint(), 2);
        store.RegisterSweep("second", SampleTrials.Fingerprint(OtherHash), 3, TrialMetrics.TestCost);
        store.StoreBatch([SampleTrials.Completed("s1", 0.1, sweep: "second"), SampleTrials.Completed("s2", 0.1, sweep: "second")]);

        IReadOnlyList<SweepInfo> sweeps = store.Sweeps();

        Assert.Equal(["first", "second"], sweeps.Select(s => s.Name));
        Assert.Equal([0, 2], sweeps.Select(s => s.StoredTrials));
        Assert.Equal([null, TrialMetrics.TestCost], sweeps.Select(s => s.Metric));
    }

    [Fact]
    public void An_unknown_metric_is_rejected()
    {
        using TrialStore store = TrialStore.Open(_file.Path);

        var exception = Assert.Throws<ArgumentException>(() => store.RegisterSweep("s", SampleTrials.Fingerprint(), 1, "f1"));

        Assert.Contains("test_accuracy", exception.Message, StringComparison.Ordinal);
        Assert.Empty(store.Sweeps());
    }

    [Fact]
    public void The_same_meaning_written_differently_resumes()
    {
        using TrialStore store = TrialStore.Open(_file.Path);
        store.RegisterSweep(SampleTrials.Sweep, SampleTrials.Fingerprint(), 12);

        SweepRegistration again = store.RegisterSweep(SampleTrials.Sweep, SampleTrials.Fingerprint() with { FileHash = OtherHash }, 12);

        Assert.Equal(SweepRegistrationOutcome.Resumed, again.Outcome);
    }

    [Fact]
    public void Changed_data_under_the_same_name_is_refused_naming_the_data()
    {
        using TrialStore store = TrialStore.Open(_file.Path);
        store.RegisterSweep(SampleTrials.Sweep, SampleTrials.Fingerprint(), 12);

        SweepRegistration refused = store.RegisterSweep(SampleTrials.Sweep, SampleTrials.Fingerprint(dataHash: OtherHash), 12);

        Assert.True(refused.IsRefused);
        Assert.Contains("/data/train.csv", refused.Message, StringComparison.Ordinal);
        Assert.Contains("data", refused.Message, StringComparison.Ordinal);
        Assert.Equal(SampleTrials.DataHash, Assert.Single(store.Sweeps()).DataHash);
    }

    [Fact]
    public void Checking_a_registration_writes_nothing()
    {
        using TrialStore store = TrialStore.Open(_file.Path);

        SweepRegistration preview = store.CheckSweep(SampleTrials.Sweep, SampleTrials.Fingerprint(), 12);

        Assert.Equal(SweepRegistrationOutcome.New, preview.Outcome);
        Assert.Empty(store.Sweeps());
    }

    [Fact]
    public void A_new_sweep_keeps_its_sweep_file_and_a_resume_keeps_the_first_one()
    {
        var first = new StoredSweepFile("/sweeps/course.yaml", "name: course-init\n");
        using TrialStore store = TrialStore.Open(_file.Path);
        store.RegisterSweep(SampleTrials.Sweep, SampleTrials.Fingerprint() with { File = first }, 12);

        store.RegisterSweep(SampleTrials.Sweep, SampleTrials.Fingerprint() with { File = new StoredSweepFile("/elsewhere/course.yaml", "name: course-init # moved\n") }, 12);

        Assert.Equal(first, store.SweepFile(SampleTrials.Sweep));
        Assert.Null(store.SweepFile("another"));
    }

    [Fact]
    public void A_registration_without_a_sweep_file_is_given_one_when_it_resumes()
    {
        var file = new StoredSweepFile("/sweeps/course.yaml", "name: course-init\n");
        using TrialStore store = TrialStore.Open(_file.Path);
        store.RegisterSweep(SampleTrials.Sweep, SampleTrials.Fingerprint(), 12);
        Assert.Null(store.SweepFile(SampleTrials.Sweep));

        store.RegisterSweep(SampleTrials.Sweep, SampleTrials.Fingerprint() with { File = file }, 12);

        Assert.Equal(file, store.SweepFile(SampleTrials.Sweep));
        Assert.Equal(12, Assert.Single(store.Sweeps()).TrialCount);
    }
}
