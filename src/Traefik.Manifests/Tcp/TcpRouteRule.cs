using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Tcp;

/// <summary>
/// One rule of an IngressRouteTCP: a match expression (<c>HostSNI</c>, <c>HostSNIRegexp</c>,
/// <c>ClientIP</c>, <c>ALPN</c>) and where matching connections go. The deprecated per-rule
/// <c>syntax</c> rides along in <see cref="JsonRecord.AdditionalFields"/>.
/// </summary>
public sealed record TcpRouteRule : JsonRecord
{
    /// <summary>The Traefik rule, for example <c>HostSNI(`db.example.com`)</c>.</summary>
    public required string Match { get; init; }

    /// <summary>Router priority; 0 or absent means the length of the rule.</summary>
    public long? Priority { get; init; }

    /// <summary>MiddlewareTCP references, applied in order.</summary>
    public ImmutableList<MiddlewareReference>? Middlewares { get; init; }

    /// <summary>The Kubernetes Services connections are balanced over.</summary>
    public ImmutableList<TcpServiceReference>? Services { get; init; }
}
