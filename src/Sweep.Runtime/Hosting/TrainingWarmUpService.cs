using Microsoft.Extensions.Hosting;
using Sweep.Training.Training;

namespace Sweep.Runtime.Hosting;

/// <summary>
/// A worker node's <see cref="TrainingWarmUp"/>, started with the host on a thread of the pool while the cluster
/// forms: the start does not wait for it, and a trial that arrives first shares whatever it has compiled. Beside its
/// coordinator (<paramref name="localPlan"/>) the worker warms up on miniatures of the sweep's first trials; otherwise
/// on the fixed set.
/// </summary>
internal sealed class TrainingWarmUpService(SweepPlan? localPlan) : IHostedService
{
    /// <summary>How many of a search's first configurations are looked at for the kinds of trial it trains.</summary>
    private const int ConfigurationsLookedAt = 64;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(
            () => localPlan is null
                ? TrainingWarmUp.Run()
                : TrainingWarmUp.Run(localPlan.Trials.FirstDefinitions(ConfigurationsLookedAt), localPlan.Data),
            CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
