using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sweep.Runtime.Configuration;
using Sweep.Runtime.Hosting;
using Sweep.Storage;
using Sweep.Domain;

namespace Sweep.Runtime.Tests.Cluster;

/// <summary>A coordinator with TLS on: a worker holding the cluster's certificate joins, others cannot.</summary>
public sealed class TlsClusterTests : IDisposable
{
    private const string Password = "test-password";
    private readonly string _folder = Directory.CreateTempSubdirectory("sweep-tls-").FullName;

    [Fact]
    public async Task Only_a_node_with_the_clusters_certificate_joins_a_TLS_cluster_and_runs_trials()
    {
        string shared = Certificate("shared.pfx");
        string other = Certificate("other.pfx");
        SweepPlan plan = RuntimeFixtures.Plan(4, iterations: 200, name: "tls");
        int port = RuntimeFixtures.FreePort();
        using TrialStore store = TrialStore.Open(Path.Combine(_folder, "tls.db"));
        using IHost coordinator = SweepNodeHost.Build(new SweepNodeOptions
        {
            Cluster = new SweepClusterOptions { Port = port, TlsCertificatePath = shared, TlsCertificatePassword = Password },
            Coordinator = (plan, store),
            NodeName = "coordinator",
        });
        await coordinator.StartAsync(TestContext.Current.CancellationToken);
        var cluster = Akka.Cluster.Cluster.Get(coordinator.Services.GetRequiredService<ActorSystem>());

        using IHost plain = Worker(port, "plain", certificate: null);
        using IHost stranger = Worker(port, "stranger", other);
        await plain.StartAsync(TestContext.Current.CancellationToken);
        await stranger.StartAsync(TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Single(cluster.State.Members);
        Assert.Empty(store.StoredTrialIds(plan.Name));

        using IHost member = Worker(port, "member", shared);
        await member.StartAsync(TestContext.Current.CancellationToken);
        await RuntimeFixtures.Until(() => store.StoredTrialIds(plan.Name).Count >= plan.Listed().Count, TimeSpan.FromSeconds(60));

        IReadOnlyList<TrialResult> stored = store.Trials(plan.Name);
        Assert.Equal(plan.Listed().Count, stored.Count);
        Assert.All(stored, t => Assert.Equal("member", t.Node));
        Assert.Equal(2, cluster.State.Members.Count);

        foreach (IHost host in new[] { member, stranger, plain, coordinator })
        {
            await host.StopAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public void A_certificate_with_the_wrong_password_is_refused_with_its_path()
    {
        string path = Certificate("shared.pfx");

        var error = Assert.Throws<ClusterTlsException>(() => ClusterTls.Options(path, "not-the-password"));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("SWEEP_TLS_PASSWORD", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Certificate(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=sweep-cluster", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }

    private static IHost Worker(int seedPort, string name, string? certificate) => SweepNodeHost.Build(new SweepNodeOptions
    {
        Cluster = new SweepClusterOptions
        {
            Seed = $"127.0.0.1:{seedPort}",
            TlsCertificatePath = certificate,
            TlsCertificatePassword = certificate is null ? null : Password,
        },
        WorkerSlots = 1,
        NodeName = name,
    });
}
