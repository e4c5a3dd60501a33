using System.Diagnostics;
using LiteDB;

namespace Sweep.Storage.Tests;

/// <summary>
/// The second processes of <see cref="CrossProcessReadTests"/>. <see cref="Run"/> does what <c>sweep trials</c> does
/// from another terminal, in a loop: opens the existing store in shared mode, polls the sweep's trials and prints
/// <c>seen N</c> each time the count changes; once it sees <c>expected</c> trials it prints <c>best ID</c> and exits 0.
/// Exits 2 after the timeout.
/// </summary>
internal static class StoreReader
{
    public static int Run(string path, string sweep, int expected, int timeoutMs)
    {
        var clock = Stopwatch.StartNew();
        using TrialStore store = TrialStore.OpenReadOnly(path);
        int last = -1;
        while (clock.ElapsedMilliseconds < timeoutMs)
        {
            int count = store.Trials(sweep).Count;
            if (count != last)
            {
                Console.Out.WriteLine($"seen {count}");
                Console.Out.Flush();
                last = count;
            }

            if (count == expected)
            {
                Console.Out.WriteLine($"best {store.BestTrial(sweep)?.TrialId}");
                return 0;
            }

            Thread.Sleep(20);
        }

        Console.Out.WriteLine($"timeout after seeing {last}");
        return 2;
    }

    /// <summary>
    /// Opens the file in shared mode and stays inside a transaction, which holds LiteDB's named mutex, until killed:
    /// what a <c>sweep</c> process killed in the middle of a call leaves behind.
    /// </summary>
    public static int HoldLock(string path)
    {
        using var database = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Shared });
        database.BeginTrans();
        Console.Out.WriteLine("holding");
        Console.Out.Flush();
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }
}
