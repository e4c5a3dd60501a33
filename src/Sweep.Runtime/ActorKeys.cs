namespace Sweep.Runtime;

/// <summary>Actor names, cluster roles and registry keys, in one place.</summary>
public static class ActorKeys
{
    public const string CoordinatorRole = "coordinator";
    public const string WorkerRole = "worker";
    public const string CoordinatorName = "sweep-coordinator";
    public const string ResultsName = "results";
    public const string WorkerName = "worker";

    /// <summary>The dispatcher that gives the results actor, the store's only writer, a thread of its own.</summary>
    public const string StoreDispatcher = "sweep-store-dispatcher";
}

/// <summary>Registry key of the coordinator singleton's proxy.</summary>
public sealed class CoordinatorKey;

/// <summary>Registry key of the results actor.</summary>
public sealed class ResultsKey;

/// <summary>Registry key of this node's worker actor.</summary>
public sealed class WorkerKey;
