using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Tcp;

/// <summary>The spec of an <see cref="IngressRouteTcp"/>.</summary>
public sealed record IngressRouteTcpSpec : JsonRecord
{
    /// <summary>The ingress class this route belongs to (Traefik 3.7+).</summary>
    public string? IngressClassName { get; init; }

    /// <summary>Entry points the route listens on; absent means every default entry point.</summary>
    public ImmutableList<string>? EntryPoints { get; init; }

    /// <summary>The routing rules.</summary>
    public required ImmutableList<TcpRouteRule> Routes { get; init; }

    /// <summary>TLS: termination by Traefik, or passthrough to the backend. Absent means plain TCP.</summary>
    public IngressRouteTcpTls? Tls { get; init; }
}
