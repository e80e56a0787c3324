using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Routing;

/// <summary>
/// A weighted route: IngressRoute <c>{Name}</c> whose rule points at TraefikService <c>{Name}-wrr</c>,
/// a weighted round robin over Kubernetes Services named exactly as given.
/// </summary>
public sealed record WeightedRouteSpec
{
    /// <summary>The route name (DNS-1123 label, at most 56 characters).</summary>
    public required string Name { get; init; }

    /// <summary>The namespace of the route and its TraefikService.</summary>
    /// <value>The default value is <c>default</c>.</value>
    public string Namespace { get; init; } = RoutingDefaults.Namespace;

    /// <summary>What requests the route matches.</summary>
    public required RouteMatch Match { get; init; }

    /// <summary>The backends: one (no canary) or more. A zero weight is written explicitly.</summary>
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

/// <summary>A Kubernetes Service behind a weighted route.</summary>
public sealed record WeightedBackend
{
    /// <summary>The Kubernetes Service name, used exactly as given (nothing is appended).</summary>
    public required string Service { get; init; }

    /// <summary>The Service port, by number or name.</summary>
    /// <value>The default value is 80.</value>
    public IntOrString Port { get; init; } = RoutingDefaults.Port;

    /// <summary>The relative weight (0 or more).</summary>
    public required int Weight { get; init; }

    /// <summary>The Service namespace; null means the route's namespace (another namespace needs Traefik's allowCrossNamespace).</summary>
    public string? Namespace { get; init; }
}

/// <summary>A new weight for a backend, identified by its Service name.</summary>
public sealed record BackendWeight
{
    /// <summary>The Kubernetes Service name.</summary>
    public required string Service { get; init; }

    /// <summary>The new relative weight (0 or more).</summary>
    public required int Weight { get; init; }

    /// <summary>The port, used only when the backend is new (for example adding a canary).</summary>
    /// <value>The default is 80 for a new backend; an existing backend keeps its port.</value>
    public IntOrString? Port { get; init; }

    /// <summary>The namespace, used only when the backend is new.</summary>
    public string? Namespace { get; init; }
}
