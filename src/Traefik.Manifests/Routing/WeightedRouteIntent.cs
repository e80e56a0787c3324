using System.Collections.Immutable;

namespace Traefik.Manifests.Routing;

/// <summary>
/// A weighted route: IngressRoute <c>{route}</c> whose rule points at TraefikService <c>{route}-wrr</c>, a weighted
/// round robin over Kubernetes Services named exactly as given. The route's name and namespace are the arguments of
/// <see cref="WeightedRoutes.Upsert"/>, as for every operation.
/// </summary>
public sealed record WeightedRouteIntent
{
    /// <summary>What requests the route matches.</summary>
    public required RouteMatch Match { get; init; }

    /// <summary>The backends: one (no canary) or more, the stable one first. A zero weight is written explicitly.</summary>
    public required ImmutableList<WeightedBackend> Backends { get; init; }

    /// <summary>Entry points; <c>https</c> means <c>websecure</c> and <c>http</c> means <c>web</c>.</summary>
    /// <value>The default is <c>web</c>, or <c>websecure</c> when <see cref="Tls"/> is set.</value>
    public ImmutableList<string>? EntryPoints { get; init; }

    /// <summary>TLS settings; null means no TLS.</summary>
    public TlsSettings? Tls { get; init; }

    /// <summary>Middlewares, in order: <c>name</c>, <c>namespace/name</c> or <c>name@provider</c>.</summary>
    public ImmutableList<string>? Middlewares { get; init; }

    /// <summary>Router priority; null leaves Traefik's default (the rule length).</summary>
    public long? Priority { get; init; }
}
