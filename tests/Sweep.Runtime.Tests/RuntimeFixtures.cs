using System.Net;
using System.Net.Sockets;
using Sweep.Config;
using Sweep.Runtime.Scheduling;
using Sweep.Search.Strategies;
using Sweep.Training.Data;
using Sweep.Training.Training;

namespace Sweep.Runtime.Tests;

/// <summary>Small sweeps over the course's circles data, built without a sweep file.</summary>
internal static class RuntimeFixtures
{
    public static DatasetSplit Circles() => CsvDatasetReader.ReadTrainTest(
        Path.Combine(AppContext.BaseDirectory, "data", "circles_train.csv"),
        Path.Combine(AppContext.BaseDirectory, "data", "circles_test.csv"),
        "y");

    /// <summary>A plan of <paramref name="trials"/> tiny trials (seeds 1..n) on circles.</summary>
    public static SweepPlan Plan(int trials, int iterations = 20, string name = "test-sweep") => new(
        name,
        "hash-" + name,
        "circles",
        Circles(),
        TrialSource.Listed([.. Enumerable.Range(1, trials).Select(seed => Trial($"{name}-trial-{seed}", seed, iterations))]),
        "test_accuracy",
        HigherIsBetter: true);

    /// <summary>A tiny trial on circles whose one searched setting is its seed.</summary>
    public static TrialPlan Trial(string trialId, int seed, int iterations = 20)
    {
        var parameters = new Dictionary<string, string> { ["seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return new TrialPlan(trialId, trialId, parameters, parameters, new TrialDefinition
        {
            Hidden = [5],
            Initializer = "he",
            Training = new TrainingOptions { Iterations = iterations, LearningRate = 0.1, RecordEvery = 10, Seed = seed },
        });
    }

    /// <summary>Every trial of a plan whose trials do not depend on results, in the order its strategy proposes them.</summary>
    public static IReadOnlyList<TrialPlan> Listed(this SweepPlan plan)
    {
        ISearchStrategy strategy = plan.Trials.CreateStrategy();
        return [.. Enumerable.Range(0, strategy.Count).SelectMany(i => plan.Trials.TrialsOf(strategy.Ask(i)))];
    }

    /// <summary>A TCP port that was free a moment ago, for a node that others must be told to join.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds or <paramref name="limit"/> has passed, whichever comes first; the
    /// test's assertions then say which.
    /// </summary>
    public static async Task Until(Func<bool> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public static string TempDatabase() => Path.Combine(Path.GetTempPath(), $"sweep-test-{Guid.NewGuid():N}.db");
}
