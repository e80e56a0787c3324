using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Impact;

/// <summary>
/// What one router does for its users, resolved through every TraefikService it reaches down to the Kubernetes
/// Services that answer: each backend's share of user requests, the copies mirrors receive, the options each
/// backend is served with, and the router's match, entry points, TLS and middlewares.
/// </summary>
public sealed record EffectiveRouter
{
    /// <summary>
    /// The router's id: <c>namespace/ingressroute#rule-index</c> for an IngressRoute rule,
    /// <c>tcp:namespace/ingressroutetcp#rule-index</c> for an IngressRouteTCP rule.
    /// </summary>
    public required string Id { get; init; }

    /// <summary>HTTP or TCP.</summary>
    public required RouterProtocol Protocol { get; init; }

    /// <summary>The IngressRoute or IngressRouteTCP that defines the router.</summary>
    public required ObjectKey Route { get; init; }

    /// <summary>The index of the rule in the route's <c>spec.routes</c>.</summary>
    public required int RuleIndex { get; init; }

    /// <summary>The rule, as written.</summary>
    public required string Match { get; init; }

    /// <summary>The priority, when set (otherwise Traefik uses the rule's length).</summary>
    public long? Priority { get; init; }

    /// <summary>The entry points; null means every entry point Traefik treats as default.</summary>
    public ImmutableList<string>? EntryPoints { get; init; }

    /// <summary>TLS, or null for a router without TLS.</summary>
    public RouterTls? Tls { get; init; }

    /// <summary>The router's middlewares, in the order they apply.</summary>
    public required ImmutableList<RouterMiddleware> Middlewares { get; init; }

    /// <summary>
    /// The Kubernetes Services (or services of another provider) that answer users, each with its share of the
    /// router's requests. A backend configured with weight 0 is listed with a share of 0.
    /// </summary>
    public required ImmutableList<EffectiveBackend> Backends { get; init; }

    /// <summary>The services that receive copies of the router's requests (mirroring), with the percentage copied.</summary>
    public required ImmutableList<EffectiveMirror> Mirrors { get; init; }

    /// <summary>
    /// Why users of this router get errors instead of a backend: a reference that resolves to nothing (Traefik
    /// disables the router), a cycle, weights that are all 0 (Traefik answers 503). Empty when the router serves.
    /// </summary>
    public required ImmutableList<string> Problems { get; init; }

    /// <summary>Things a reviewer should know that depend on Traefik's static configuration (cross-namespace references, services of other providers).</summary>
    public required ImmutableList<string> Notes { get; init; }

    /// <summary>Every object the router reaches: its route, TraefikServices, Middlewares, ServersTransports and Kubernetes Services.</summary>
    public required ImmutableSortedSet<ObjectKey> Closure { get; init; }

    /// <summary>True when users of this router get errors (see <see cref="Problems"/>).</summary>
    public bool Fails => !Problems.IsEmpty;
}
