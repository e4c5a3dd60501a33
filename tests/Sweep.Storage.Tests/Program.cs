using System.Globalization;

namespace Sweep.Storage.Tests;

/// <summary>
/// The entry point of this assembly when it runs as a program rather than under the test host: the second process
/// of <see cref="CrossProcessReadTests"/>, started as <c>dotnet exec Sweep.Storage.Tests.dll read-store ...</c> or
/// <c>hold-lock ...</c>.
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

        Console.Error.WriteLine("usage: read-store <db> <sweep> <expected-trials> <timeout-ms> | hold-lock <db>");
        return 64;
    }
}
