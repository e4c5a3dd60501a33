using Sweep.Runtime.Scheduling;
using System.Diagnostics;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sweep.Config;
using Sweep.Protocol.Messages.Queries;
using Sweep.Runtime;
using Sweep.Runtime.Configuration;
using Sweep.Runtime.Hosting;
using Sweep.Storage;
using Sweep.Training.Data.Generators;
using Sweep.Training.Training;

namespace Sweep.Benchmarks.Runtime;

internal sealed record DispatchMeasurement(int Slots, int Trials, double Seconds, double TrainingSeconds)
{
    public double TrialsPerSecond => Trials / Seconds;

    /// <summary>Wall time per trial beyond what its training took, with the training spread over the slots.</summary>
    public double OverheadMsPerTrial => (Seconds - TrainingSeconds / Slots) / Trials * 1000;
}

/// <summary>
/// The runtime's own cost: a sweep of many tiny trials (10 iterations each, gradient check included) through the
/// one-node cluster of <c>sweep run</c>, every result durable in LiteDB before it is acknowledged.
/// </summary>
internal static class DispatchBenchmarks
{
    public static DispatchMeasurement Measure(int trials, int slots)
    {
        string database = Path.Combine(Path.GetTempPath(), $"sweep-dispatch-{Guid.NewGuid():N}.db");
        try
        {
            using TrialStore store = TrialStore.Open(database);
            SweepPlan plan = Plan(trials);
            store.RegisterSweep(plan.Name, new SweepFingerprint(plan.FileHash, plan.FileHash, plan.DatasetKey, "generated data"), trials, plan.Metric);
            using IHost host = SweepNodeHost.Build(new SweepNodeOptions
            {
                Cluster = new SweepClusterOptions(),
                Coordinator = (plan, store),
                WorkerSlots = slots,
                NodeName = "bench",
            });
            host.Start();
            IActorRef coordinator = host.Services.GetRequiredService<ActorRegistry>().Get<CoordinatorKey>();
            WaitForWorker(coordinator);

            var clock = Stopwatch.StartNew();
            while (!coordinator.Ask<FetchSweepStatusResponse>(FetchSweepStatus.Instance, TimeSpan.FromSeconds(5)).Result.Finished)
            {
                Thread.Sleep(5);
            }

            double seconds = clock.Elapsed.TotalSeconds;
            double training = store.Trials(plan.Name).Sum(t => t.DurationMs) / 1000;
            host.StopAsync().Wait();
            return new DispatchMeasurement(slots, trials, seconds, training);
        }
        finally
        {
            File.Delete(database);
        }
    }

    private static void WaitForWorker(IActorRef coordinator)
    {
        while (coordinator.Ask<FetchSweepStatusResponse>(FetchSweepStatus.Instance, TimeSpan.FromSeconds(5)).Result.Workers.Count == 0)
        {
            Thread.Sleep(5);
        }
    }

    private static SweepPlan Plan(int trials)
    {
        var data = Sweep.Training.Data.DatasetSplitter.Split(DatasetGenerators.Create("moons", 200, 0.2, seed: 1), 0.25, seed: 1);
        var plans = Enumerable.Range(1, trials).Select(seed => new Dictionary<string, string> { ["seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .Select((parameters, i) => new TrialPlan($"dispatch-{i + 1}", $"dispatch-{i + 1}", parameters, parameters, new TrialDefinition
            {
                Hidden = [8],
                Training = new TrainingOptions { Iterations = 10, RecordEvery = 5, LearningRate = 0.1, Seed = i + 1 },
            })).ToList();
        return new SweepPlan($"dispatch-{Guid.NewGuid():N}", "bench", "moons", data, TrialSource.Listed(plans), "test_accuracy", HigherIsBetter: true);
    }
}
