using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary><c>passTLSClientCert</c>: passes the client certificate (or parts of it) to the backend in headers.</summary>
public sealed record PassTlsClientCertSpec : JsonRecord
{
    /// <summary>Pass the whole certificate, PEM-encoded, in <c>X-Forwarded-Tls-Client-Cert</c>.</summary>
    public bool? Pem { get; init; }

    /// <summary>Certificate fields passed in <c>X-Forwarded-Tls-Client-Cert-Info</c>.</summary>
    public TlsClientCertInfo? Info { get; init; }
}
