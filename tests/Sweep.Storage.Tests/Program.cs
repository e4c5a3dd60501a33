using System.Globalization;

namespace Sweep.Storage.Tests;

/// <summary>
/// The entry point of this assembly when it runs as a program rather than under the test host: the second process
/// of <see cref="CrossProcessReadTests"/>, started as <c>dotnet exec Sweep.Storage.Tests.dll read-store ...</c> or
/// <c>hold-lock ...</c>; and of <see cref="CoordinatorLockTests"/>, as <c>hold-coordinator-lock ...</c>.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["read-store", string path, string sweep, string expected, string timeoutMs])
        {
            return StoreReader.Run(path, sweep, int.Parse(expected, CultureInfo.InvariantCulture), int.Parse(timeoutMs, CultureInfo.InvariantCulture));
        }

        if (args is ["hold-lock", string lockedPath])
        {
            return StoreReader.HoldLock(lockedPath);
        }

        if (args is ["hold-coordinator-lock", string storePath])
        {
            using CoordinatorLock held = CoordinatorLock.Acquire(storePath, new CoordinatorLockHolder("helper-host", Environment.ProcessId, "held", "run", DateTimeOffset.UtcNow, "helper-host:4053"));
            Console.Out.WriteLine("holding");
            Console.Out.Flush();
            Thread.Sleep(Timeout.Infinite);
            return 0;
        }

        Console.Error.WriteLine("usage: read-store <db> <sweep> <expected-trials> <timeout-ms> | hold-lock <db> | hold-coordinator-lock <db>");
        return 64;
    }
}
