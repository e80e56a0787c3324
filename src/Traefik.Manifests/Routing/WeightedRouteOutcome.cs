using System.Collections.Immutable;

namespace Traefik.Manifests.Routing;

/// <summary>The state of a weighted route after an operation.</summary>
public sealed record WeightedRouteOutcome
{
    /// <summary>The namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The route (IngressRoute) name.</summary>
    public required string RouteName { get; init; }

    /// <summary>The weighted TraefikService name, <c>{route}-wrr</c>.</summary>
    public required string TraefikService { get; init; }

    /// <summary>The match rule, when the IngressRoute exists.</summary>
    public string? Rule { get; init; }

    /// <summary>The backends with their weights and percentages.</summary>
    public required ImmutableList<BackendShare> Backends { get; init; }
}
