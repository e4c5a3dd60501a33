using Akka.Actor;
using Akka.Hosting;
using Sweep.Runtime.Configuration;
using Sweep.Storage;

namespace Sweep.Runtime.Tests.Actors;

/// <summary>
/// A one-node cluster set up by the production extension methods, with every message serialized: the coordinator
/// and its results actor on a temporary store, and a worker when <c>workerSlots</c> is above 0.
/// </summary>
public abstract class SweepTestKit : Akka.Hosting.TestKit.TestKit
{
    private readonly string _database = RuntimeFixtures.TempDatabase();
    private readonly int _workerSlots;

    protected SweepTestKit(ITestOutputHelper output, SweepPlan plan, int workerSlots = 0)
        : base(output: output)
    {
        Plan = plan;
        _workerSlots = workerSlots;
        Store = TrialStore.Open(_database);
    }

    protected SweepPlan Plan { get; }

    protected TrialStore Store { get; }

    protected IActorRef Coordinator => ActorRegistry.Get<CoordinatorKey>();

    protected override Akka.Configuration.Config? Config => "akka.actor.serialize-messages = on";

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider)
    {
        string[] roles = _workerSlots > 0 ? [ActorKeys.CoordinatorRole, ActorKeys.WorkerRole] : [ActorKeys.CoordinatorRole];
        builder
            .WithSweepSerialization()
            .WithSweepCluster(new SweepClusterOptions { Roles = roles })
            .WithTrialCoordinator(Plan, Store);
        if (_workerSlots > 0)
        {
            builder.WithTrialWorkers(_workerSlots, node: "local", localCoordinator: Plan);
        }
    }

    protected override async Task AfterAllAsync()
    {
        await Sys.Terminate();
        Store.Dispose();
        File.Delete(_database);
    }
}
