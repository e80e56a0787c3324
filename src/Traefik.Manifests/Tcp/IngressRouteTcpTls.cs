using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Tcp;

/// <summary>TLS settings of an IngressRouteTCP.</summary>
public sealed record IngressRouteTcpTls : JsonRecord
{
    /// <summary>Secret holding the certificate Traefik terminates TLS with, in the route's namespace.</summary>
    public string? SecretName { get; init; }

    /// <summary>Forward the TLS connection to the backend without terminating it (routing on SNI only).</summary>
    public bool? Passthrough { get; init; }

    /// <summary>TLSOption reference.</summary>
    public ObjectReference? Options { get; init; }

    /// <summary>TLSStore reference (only the store named <c>default</c> is used).</summary>
    public ObjectReference? Store { get; init; }

    /// <summary>ACME certificate resolver name, declared in Traefik's static configuration.</summary>
    public string? CertResolver { get; init; }

    /// <summary>Domains to request certificates for.</summary>
    public ImmutableList<TlsDomain>? Domains { get; init; }
}
