using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Sweep.Runtime.Configuration;

/// <summary>
/// The address a node listening on every interface tells the others to reach it by, when it was not given one: the
/// address its host name resolves to (a container's own address), else the first IPv4 address of an interface that
/// is up. A node cannot advertise 0.0.0.0: the others would have nowhere to send to.
/// </summary>
public static class AdvertisedAddress
{
    public static string? For(string bindHost)
    {
        if (bindHost is not ("0.0.0.0" or "::"))
        {
            return null;
        }

        IPAddress? resolved = OwnHostName().FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        resolved ??= NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
        return resolved?.ToString() ?? throw new InvalidOperationException(
            $"listening on {bindHost}, this node found no address to give the others; pass --public-host");
    }

    /// <summary>The addresses this machine's own name resolves to; none where the name does not resolve.</summary>
    private static IPAddress[] OwnHostName()
    {
        try
        {
            return Dns.GetHostAddresses(Dns.GetHostName());
        }
        catch (SocketException)
        {
            return [];
        }
    }
}
