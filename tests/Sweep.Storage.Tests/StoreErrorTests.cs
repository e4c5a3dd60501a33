namespace Sweep.Storage.Tests;

public sealed class StoreErrorTests : IDisposable
{
    private readonly TempStoreFile _file = new();

    public void Dispose() => _file.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_file_that_is_not_a_LiteDB_database_is_named_in_the_error(bool shared)
    {
        File.WriteAllText(_file.Path, string.Concat(Enumerable.Repeat("trial_id,test_accuracy\nabc,0.9\n", 1000)));

        var exception = Assert.Throws<TrialStoreException>(() => TrialStore.Open(_file.Path, shared));

        Assert.Contains(_file.Path, exception.Message, StringComparison.Ordinal);
        Assert.Contains("not a LiteDB database", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_locked_by_another_program_is_named_in_the_error()
    {
        using (TrialStore.Open(_file.Path))
        {
        }

        using var exclusive = new FileStream(_file.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        var exception = Assert.Throws<TrialStoreException>(() => TrialStore.Open(_file.Path));

        Assert.Contains(_file.Path, exception.Message, StringComparison.Ordinal);
        Assert.Contains("locked", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Opening_a_missing_store_for_queries_does_not_create_it()
    {
        var exception = Assert.Throws<TrialStoreException>(() => TrialStore.OpenReadOnly(_file.Path));

        Assert.Contains(_file.Path, exception.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_file.Path));
    }

    [Fact]
    public void A_store_in_a_missing_directory_is_named_in_the_error()
    {
        string path = Path.Combine(Path.GetDirectoryName(_file.Path)!, "no", "such", "sweep.db");

        var exception = Assert.Throws<TrialStoreException>(() => TrialStore.Open(path));

        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
    }
}
