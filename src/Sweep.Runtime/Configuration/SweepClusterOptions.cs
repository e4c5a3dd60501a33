namespace Sweep.Runtime.Configuration;

/// <summary>Where this node listens, how others reach it, which seed it joins, and what it does in the cluster.</summary>
public sealed record SweepClusterOptions
{
    /// <summary>The name every node of a sweep cluster shares (part of each node's address).</summary>
    public const string SystemName = "sweep";

    /// <summary>The interface to bind; 0.0.0.0 in containers.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>The address other nodes use to reach this one (a container's own hostname), when it differs from <see cref="Host"/>.</summary>
    public string? PublicHost { get; init; }

    /// <summary>host:port of the node to join; null joins this node itself (the coordinator, or a one-node cluster).</summary>
    public string? Seed { get; init; }

    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>
    /// A PKCS#12 file (.pfx) with the certificate and private key every node of the cluster shares; null runs the
    /// cluster without TLS.
    /// </summary>
    public string? TlsCertificatePath { get; init; }

    /// <summary>The password of <see cref="TlsCertificatePath"/>.</summary>
    public string? TlsCertificatePassword { get; init; }
}
