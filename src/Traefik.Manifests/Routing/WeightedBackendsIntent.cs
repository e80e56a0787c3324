using System.Collections.Immutable;

namespace Traefik.Manifests.Routing;

/// <summary>The backends of a route's weighted TraefikService <c>{route}-wrr</c> alone, for <see cref="WeightedRoutes.EnsureBackend"/>.</summary>
public sealed record WeightedBackendsIntent
{
    /// <summary>The backends, the stable one first. A zero weight is written explicitly.</summary>
    public required ImmutableList<WeightedBackend> Backends { get; init; }
}
