using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary>Issuer distinguished-name fields to pass.</summary>
public sealed record TlsClientCertIssuer : JsonRecord
{
    /// <summary>Pass C.</summary>
    public bool? Country { get; init; }

    /// <summary>Pass ST.</summary>
    public bool? Province { get; init; }

    /// <summary>Pass L.</summary>
    public bool? Locality { get; init; }

    /// <summary>Pass O.</summary>
    public bool? Organization { get; init; }

    /// <summary>Pass CN.</summary>
    public bool? CommonName { get; init; }

    /// <summary>Pass the issuer serial number.</summary>
    public bool? SerialNumber { get; init; }

    /// <summary>Pass DC.</summary>
    public bool? DomainComponent { get; init; }
}
