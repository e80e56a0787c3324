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

/// <summary>A backend's weight and its share of traffic.</summary>
/// <param name="Service">The Kubernetes Service (or TraefikService) name.</param>
/// <param name="Namespace">The namespace the reference resolves to.</param>
/// <param name="Port">The port as written (number or name), or null.</param>
/// <param name="Weight">The relative weight (an absent weight counts as 1, as in Traefik).</param>
/// <param name="Percent">The share of traffic in percent, rounded to two decimals.</param>
public sealed record BackendShare(string Service, string Namespace, string? Port, int Weight, decimal Percent);
