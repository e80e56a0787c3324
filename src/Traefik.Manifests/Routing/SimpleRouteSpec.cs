using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Routing;

/// <summary>An IngressRoute whose rules point straight at Kubernetes Services (no TraefikService).</summary>
public sealed record SimpleRouteSpec
{
    /// <summary>The IngressRoute name.</summary>
    public required string Name { get; init; }

    /// <summary>The namespace.</summary>
    /// <value>The default value is <c>default</c>.</value>
    public string Namespace { get; init; } = RoutingDefaults.Namespace;

    /// <summary>The rules, at least one.</summary>
    public required ImmutableList<SimpleRule> Rules { get; init; }

    /// <summary>Entry points; <c>https</c> means <c>websecure</c> and <c>http</c> means <c>web</c>.</summary>
    /// <value>The default is <c>web</c>, or <c>websecure</c> when <see cref="Tls"/> is set.</value>
    public ImmutableList<string>? EntryPoints { get; init; }

    /// <summary>TLS settings; null means no TLS (re-creating without TLS removes it).</summary>
    public TlsSettings? Tls { get; init; }
}

/// <summary>One rule of a simple route.</summary>
public sealed record SimpleRule
{
    /// <summary>
    /// The rule as text, validated and normalised by <see cref="RuleSyntax"/>. Give this or <see cref="Match"/>.
    /// </summary>
    public string? Rule { get; init; }

    /// <summary>The rule in typed form. Give this or <see cref="Rule"/>.</summary>
    public RouteMatch? Match { get; init; }

    /// <summary>The Services matching requests go to (two or more are balanced by weight).</summary>
    public required ImmutableList<SimpleService> Services { get; init; }

    /// <summary>Middlewares in order: <c>name</c>, <c>namespace/name</c> or <c>name@provider</c>.</summary>
    public ImmutableList<string>? Middlewares { get; init; }

    /// <summary>Router priority.</summary>
    public long? Priority { get; init; }
}

/// <summary>A Kubernetes Service a simple rule sends traffic to.</summary>
public sealed record SimpleService
{
    /// <summary>The Service name.</summary>
    public required string Name { get; init; }

    /// <summary>The port by number or name.</summary>
    /// <value>The default value is 80.</value>
    public IntOrString Port { get; init; } = RoutingDefaults.Port;

    /// <summary>Weight among the rule's services (absent means 1 in Traefik).</summary>
    public int? Weight { get; init; }

    /// <summary>The Service namespace; null means the route's namespace.</summary>
    public string? Namespace { get; init; }
}
