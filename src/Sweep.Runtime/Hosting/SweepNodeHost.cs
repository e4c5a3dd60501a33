using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sweep.Runtime.Configuration;

namespace Sweep.Runtime.Hosting;

/// <summary>Builds the generic host of one sweep node from the same extension methods the tests use.</summary>
public static class SweepNodeHost
{
    public static IHost Build(SweepNodeOptions options)
    {
        var roles = new List<string>();
        if (options.Coordinator is not null)
        {
            roles.Add(ActorKeys.CoordinatorRole);
        }

        if (options.WorkerSlots > 0)
        {
            roles.Add(ActorKeys.WorkerRole);
        }

        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        if (options.WorkerSlots > 0)
        {
            SweepPlan? localPlan = options.Coordinator?.Plan;
            builder.Services.AddHostedService(_ => new TrainingWarmUpService(localPlan));
        }

        builder.Services.AddAkka(SweepClusterOptions.SystemName, akka =>
        {
            akka.AddHocon($"akka.loglevel = {options.LogLevel}\nakka.stdout-loglevel = {options.LogLevel}", HoconAddMode.Prepend)
                .WithSweepSerialization()
                .WithStrictSerialization()
                .WithSweepCluster(options.Cluster with { Roles = roles });
            if (options.Coordinator is var (plan, store))
            {
                akka.WithTrialCoordinator(plan, store);
            }

            if (options.WorkerSlots > 0)
            {
                akka.WithTrialWorkers(options.WorkerSlots, options.NodeName, localCoordinator: options.Coordinator?.Plan);
            }
        });
        return builder.Build();
    }
}
