using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Sweep.Runtime.Configuration;

namespace Sweep.Cli.Commands;

/// <summary>
/// Starting a node's network side with errors a user can act on. The address and port are tried before the actor
/// system starts: once it has, a failed bind surfaces as pages of nested transport exceptions.
/// </summary>
internal static class ClusterStartup
{
    /// <summary>Throws <see cref="CliException"/> when --host does not resolve, is not this machine's, or the port is taken, and <see cref="ClusterTlsException"/> when the TLS certificate cannot be used.</summary>
    public static void RequireListenable(SweepClusterOptions cluster)
    {
        if (cluster.PublicHost is { } advertised && Uri.CheckHostName(advertised) == UriHostNameType.Unknown)
        {
            throw new CliException($"--public-host '{advertised}' is not a host name or an address: give the name or address the other nodes reach this one by");
        }

        if (cluster.TlsCertificatePath is { } certificate)
        {
            // Checked here, not when the node starts, so that a bad certificate is the only line a worker prints.
            ClusterTls.Check(certificate, cluster.TlsCertificatePassword);
        }

        IPAddress address = Resolve(cluster.Host);
        using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Bind(new IPEndPoint(address, cluster.Port));
        }
        catch (SocketException exception)
        {
            throw new CliException(Explain(exception, cluster), exception);
        }
    }

    /// <summary>Starts the host; a start that fails on the network anyway (a race for the port) is one line too.</summary>
    public static async Task StartAsync(IHost host, SweepClusterOptions cluster, CancellationToken cancellation)
    {
        try
        {
            await host.StartAsync(cancellation);
        }
        catch (Exception exception) when (SocketErrorIn(exception) is { } socket)
        {
            throw new CliException(Explain(socket, cluster), exception);
        }
    }

    private static IPAddress Resolve(string host)
    {
        if (IPAddress.TryParse(host, out IPAddress? literal))
        {
            return literal;
        }

        try
        {
            return Dns.GetHostAddresses(host).FirstOrDefault()
                ?? throw new CliException($"--host '{host}' resolves to no address; give an address of this machine, such as 127.0.0.1 or 0.0.0.0");
        }
        catch (Exception exception) when (exception is SocketException or ArgumentException)
        {
            throw new CliException($"--host '{host}' does not resolve ({exception.Message}); give an address of this machine, such as 127.0.0.1 or 0.0.0.0", exception);
        }
    }

    private static string Explain(SocketException exception, SweepClusterOptions cluster) => exception.SocketErrorCode switch
    {
        SocketError.AddressAlreadyInUse =>
            $"port {cluster.Port} on {cluster.Host} is already in use (another coordinator, or another program): stop it, or choose another --port",
        SocketError.AddressNotAvailable =>
            $"--host {cluster.Host} is not an address of this machine; give one of its addresses, or 0.0.0.0 for all of them",
        SocketError.AccessDenied =>
            $"no permission to listen on port {cluster.Port} (ports below 1024 need privileges); choose another --port",
        _ => $"cannot listen on {cluster.Host}:{cluster.Port}: {exception.Message}",
    };

    private static SocketException? SocketErrorIn(Exception exception) => exception switch
    {
        SocketException socket => socket,
        AggregateException aggregate => aggregate.InnerExceptions.Select(SocketErrorIn).FirstOrDefault(s => s is not null),
        { InnerException: { } inner } => SocketErrorIn(inner),
        _ => null,
    };
}
