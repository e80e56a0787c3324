using System.Collections.Immutable;

namespace Traefik.Manifests.Routing;

/// <summary>
/// An IngressRoute whose rules point straight at Kubernetes Services (no TraefikService). The route's name and
/// namespace are the arguments of <see cref="SimpleRoutes.Upsert"/>.
/// </summary>
public sealed record SimpleRouteIntent
{
    /// <summary>The rules, at least one.</summary>
    public required ImmutableList<SimpleRule> Rules { get; init; }

    /// <summary>Entry points; <c>https</c> means <c>websecure</c> and <c>http</c> means <c>web</c>.</summary>
    /// <value>The default is <c>web</c>, or <c>websecure</c> when <see cref="Tls"/> is set.</value>
    public ImmutableList<string>? EntryPoints { get; init; }

    /// <summary>TLS settings; null means no TLS (re-creating without TLS removes it).</summary>
    public TlsSettings? Tls { get; init; }
}
