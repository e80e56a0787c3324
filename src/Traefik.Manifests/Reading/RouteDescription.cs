using System.Collections.Immutable;
using Traefik.Manifests.Mirroring;
using Traefik.Manifests.Routing;

namespace Traefik.Manifests.Reading;

/// <summary>What kind of route an IngressRoute is.</summary>
public enum RouteKind
{
    /// <summary>Its rules point at the route's weighted TraefikService <c>{route}-wrr</c>.</summary>
    Weighted,

    /// <summary>Its rules point at the route's mirroring TraefikService <c>{route}-mirror</c>.</summary>
    Mirrored,

    /// <summary>Its rules point straight at Kubernetes Services.</summary>
    Simple,

    /// <summary>Its rules point at other TraefikServices, or at a mix of targets.</summary>
    Other,
}

/// <summary>A route read back from objects: its match, entry points, TLS, middlewares and where its traffic goes.</summary>
public sealed record RouteDescription
{
    /// <summary>The namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The IngressRoute name.</summary>
    public required string Name { get; init; }

    /// <summary>What kind of route it is.</summary>
    public required RouteKind Kind { get; init; }

    /// <summary>Entry points.</summary>
    public required ImmutableList<string> EntryPoints { get; init; }

    /// <summary>True when TLS is on.</summary>
    public required bool Tls { get; init; }

    /// <summary>The TLS Secret, if any.</summary>
    public string? TlsSecretName { get; init; }

    /// <summary>The rules with their targets and middlewares.</summary>
    public required ImmutableList<RuleDescription> Rules { get; init; }

    /// <summary>The TraefikService the first rule points at, if any (<c>{route}-wrr</c> or <c>{route}-mirror</c> for managed routes).</summary>
    public string? TraefikService { get; init; }

    /// <summary>The weighted split, when the route has a <c>{route}-wrr</c> (even while a mirror is in front of it).</summary>
    public ImmutableList<BackendShare>? WeightedSplit { get; init; }

    /// <summary>The mirror, when the route has a <c>{route}-mirror</c>.</summary>
    public MirrorOutcome? Mirror { get; init; }
}

/// <summary>One rule of a route.</summary>
/// <param name="Match">The rule.</param>
/// <param name="Priority">The priority, if set.</param>
/// <param name="Targets">Where traffic goes.</param>
/// <param name="Middlewares">Middlewares in order, as <c>name</c>, <c>namespace/name</c> or <c>name@provider</c>.</param>
public sealed record RuleDescription(string Match, long? Priority, ImmutableList<RouteTarget> Targets, ImmutableList<string> Middlewares);

/// <summary>A target of a rule.</summary>
/// <param name="Name">The Service or TraefikService name.</param>
/// <param name="Kind"><c>Service</c> or <c>TraefikService</c>.</param>
/// <param name="Namespace">The namespace it resolves to.</param>
/// <param name="Port">The port, for a Service.</param>
/// <param name="Weight">The weight, if written.</param>
public sealed record RouteTarget(string Name, string Kind, string Namespace, string? Port, int? Weight);
