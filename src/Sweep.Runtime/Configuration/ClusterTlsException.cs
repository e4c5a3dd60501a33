namespace Sweep.Runtime.Configuration;

/// <summary>The cluster's TLS certificate is missing or unusable; the message says which file and why.</summary>
public sealed class ClusterTlsException(string message) : Exception(message);
