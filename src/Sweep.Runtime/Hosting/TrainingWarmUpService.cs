using Microsoft.Extensions.Hosting;
using Sweep.Training.Training;

namespace Sweep.Runtime.Hosting;

/// <summary>
/// A worker node's <see cref="TrainingWarmUp"/>, started with the host on a thread of the pool while the cluster
/// forms: the start does not wait for it, and a trial that arrives first shares whatever it has compiled.
/// </summary>
internal sealed class TrainingWarmUpService : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(TrainingWarmUp.Run, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
