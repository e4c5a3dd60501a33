using Microsoft.Extensions.Hosting;

namespace Sweep.Runtime.Hosting;

/// <summary>
/// A host lifetime that leaves Ctrl+C and SIGTERM to the program that owns the host. The default console lifetime
/// takes SIGTERM for itself and only stops the host: a worker, which starts a new host whenever its old one stops,
/// would then never exit.
/// </summary>
internal sealed class CallerOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
