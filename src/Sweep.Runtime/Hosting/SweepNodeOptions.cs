using Sweep.Runtime.Configuration;
using Sweep.Storage;

namespace Sweep.Runtime.Hosting;

/// <summary>
/// What one process of a sweep cluster runs: the coordinator (with the plan and the store it owns), a worker with
/// trial slots, or both (<c>sweep run</c>: a one-node cluster).
/// </summary>
public sealed record SweepNodeOptions
{
    public SweepClusterOptions Cluster { get; init; } = new();

    /// <summary>The sweep to coordinate and the store its results go to; null on a worker-only node.</summary>
    public (SweepPlan Plan, TrialStore Store)? Coordinator { get; init; }

    /// <summary>Trial slots of this node's worker; 0 for a coordinator-only node.</summary>
    public int WorkerSlots { get; init; }

    /// <summary>How this node names itself in results and in the progress view.</summary>
    public string NodeName { get; init; } = Environment.MachineName;

    /// <summary>Akka's own log level (WARNING keeps a terminal's progress view clean).</summary>
    public string LogLevel { get; init; } = "WARNING";
}
