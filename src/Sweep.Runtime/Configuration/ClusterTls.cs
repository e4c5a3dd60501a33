using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Remote.Hosting;
using Akka.Remote.Transport.DotNetty;

namespace Sweep.Runtime.Configuration;

/// <summary>
/// TLS between the nodes of a sweep cluster. Every node holds the same certificate, presents it in both directions
/// (mutual authentication) and accepts a peer only if the peer presents that same certificate (pinned by
/// thumbprint), so a self-signed certificate is enough and a node without it cannot join.
/// </summary>
public static class ClusterTls
{
    public static SslOptions Options(string certificatePath, string? password)
    {
        X509Certificate2 certificate = Load(certificatePath, password);
        return new SslOptions
        {
            X509Certificate = certificate,
            SuppressValidation = false,
            RequireMutualAuthentication = true,
            ValidateCertificateHostname = false,
            CustomValidator = CertificateValidation.PinnedCertificate(certificate.Thumbprint),
        };
    }

    /// <summary>Throws <see cref="ClusterTlsException"/> saying what is wrong with the certificate, before a node announces itself.</summary>
    public static void Check(string certificatePath, string? password) => Load(certificatePath, password).Dispose();

    private static X509Certificate2 Load(string path, string? password)
    {
        if (Directory.Exists(path))
        {
            throw new ClusterTlsException($"the TLS certificate {path} is a directory; give the .pfx file");
        }

        if (!File.Exists(path))
        {
            throw new ClusterTlsException($"the TLS certificate {path} does not exist");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException exception)
        {
            throw new ClusterTlsException($"the TLS certificate {path} cannot be read (is SWEEP_TLS_PASSWORD right?): {exception.Message}");
        }

        if (!certificate.HasPrivateKey)
        {
            throw new ClusterTlsException($"the TLS certificate {path} holds no private key; export it as .pfx with its key");
        }

        return certificate;
    }
}
