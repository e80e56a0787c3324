using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary>Subject distinguished-name fields to pass.</summary>
public sealed record TlsClientCertSubject : JsonRecord
{
    /// <summary>Pass C.</summary>
    public bool? Country { get; init; }

    /// <summary>Pass ST.</summary>
    public bool? Province { get; init; }

    /// <summary>Pass L.</summary>
    public bool? Locality { get; init; }

    /// <summary>Pass O.</summary>
    public bool? Organization { get; init; }

    /// <summary>Pass OU.</summary>
    public bool? OrganizationalUnit { get; init; }

    /// <summary>Pass CN.</summary>
    public bool? CommonName { get; init; }

    /// <summary>Pass the subject serial number.</summary>
    public bool? SerialNumber { get; init; }

    /// <summary>Pass DC.</summary>
    public bool? DomainComponent { get; init; }
}
