using System.Collections.Immutable;

namespace Traefik.Manifests.Routing;

/// <summary>
/// TLS for a route. With none of the members set, the route uses TLS with Traefik's default
/// certificate (<c>tls: {}</c>).
/// </summary>
public sealed record TlsSettings
{
    /// <summary>A Secret of type <c>kubernetes.io/tls</c> in the route's namespace.</summary>
    public string? SecretName { get; init; }

    /// <summary>An ACME certificate resolver declared in Traefik's static configuration.</summary>
    public string? CertResolver { get; init; }

    /// <summary>A TLSOption reference: <c>name</c> or <c>namespace/name</c>.</summary>
    public string? Options { get; init; }

    /// <summary>Domains to request certificates for (with a cert resolver).</summary>
    public ImmutableList<TlsDomainSettings>? Domains { get; init; }
}
