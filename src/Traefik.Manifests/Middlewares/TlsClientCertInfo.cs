using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary>Which client certificate fields are passed to the backend.</summary>
public sealed record TlsClientCertInfo : JsonRecord
{
    /// <summary>Pass the end of validity.</summary>
    public bool? NotAfter { get; init; }

    /// <summary>Pass the start of validity.</summary>
    public bool? NotBefore { get; init; }

    /// <summary>Pass the subject alternative names.</summary>
    public bool? Sans { get; init; }

    /// <summary>Pass the serial number.</summary>
    public bool? SerialNumber { get; init; }

    /// <summary>Subject fields to pass.</summary>
    public TlsClientCertSubject? Subject { get; init; }

    /// <summary>Issuer fields to pass.</summary>
    public TlsClientCertIssuer? Issuer { get; init; }
}
