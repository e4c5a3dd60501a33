using System.Diagnostics;

namespace Sweep.Storage.Tests;

public sealed class CoordinatorLockTests
{
    private static CoordinatorLockHolder Holder(string sweep = "seeds") => new("this-host", Environment.ProcessId, sweep, "run", DateTimeOffset.UtcNow);

    [Fact]
    public void A_second_coordinator_in_this_process_is_refused_naming_the_first_and_takes_the_lock_once_it_is_released()
    {
        using var file = new TempStoreFile();
        CoordinatorLock first = CoordinatorLock.Acquire(file.Path, Holder());

        var refused = Assert.Throws<StoreInUseException>(() => CoordinatorLock.Acquire(file.Path, Holder("other")));
        Assert.Equal("seeds", refused.Holder!.Sweep);
        Assert.Throws<StoreInUseException>(() => CoordinatorLock.RequireFree(file.Path));

        first.Dispose();
        using CoordinatorLock second = CoordinatorLock.Acquire(file.Path, Holder("other"));
        Assert.Equal(file.Path + ".lock", refused.LockPath);
    }

    [Fact]
    public void A_store_is_free_until_a_coordinator_takes_it_and_again_once_it_lets_go_and_asking_creates_no_lock_file()
    {
        using var file = new TempStoreFile();

        Assert.True(CoordinatorLock.IsFree(file.Path));
        Assert.False(File.Exists(file.Path + ".lock"));

        CoordinatorLock taken = CoordinatorLock.Acquire(file.Path, Holder());
        Assert.False(CoordinatorLock.IsFree(file.Path));

        taken.Dispose();
        Assert.True(CoordinatorLock.IsFree(file.Path));
        using CoordinatorLock again = CoordinatorLock.Acquire(file.Path, Holder());
    }

    [Fact]
    public void Checking_a_store_nobody_runs_creates_no_lock_file()
    {
        using var file = new TempStoreFile();

        CoordinatorLock.RequireFree(file.Path);

        Assert.False(File.Exists(file.Path + ".lock"));
    }

    [Fact]
    public async Task A_lock_held_by_another_process_names_its_host_process_and_seed_and_is_taken_at_once_after_a_SIGKILL()
    {
        using var file = new TempStoreFile();
        using Process holder = StartHolder(file.Path);
        try
        {
            Assert.Equal("holding", await holder.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)));

            var refused = Assert.Throws<StoreInUseException>(() => CoordinatorLock.Acquire(file.Path, Holder()));
            Assert.Equal(new CoordinatorLockHolder("helper-host", holder.Id, "held", "run", refused.Holder!.Since, "helper-host:4053"), refused.Holder);
            Assert.Contains($"process {holder.Id} on host helper-host runs sweep 'held'", refused.Message, StringComparison.Ordinal);
            Assert.Throws<StoreInUseException>(() => CoordinatorLock.RequireFree(file.Path));
            Assert.False(CoordinatorLock.IsFree(file.Path));

            holder.Kill();
            await holder.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            CoordinatorLock.RequireFree(file.Path);
            Assert.True(CoordinatorLock.IsFree(file.Path));
            using CoordinatorLock taken = CoordinatorLock.Acquire(file.Path, Holder());
            Assert.Throws<StoreInUseException>(() => CoordinatorLock.Acquire(file.Path, Holder()));
        }
        finally
        {
            if (!holder.HasExited)
            {
                holder.Kill();
            }
        }
    }

    private static Process StartHolder(string storePath)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in (string[])["exec", typeof(CoordinatorLockTests).Assembly.Location, "hold-coordinator-lock", storePath])
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {dotnet}");
    }
}
