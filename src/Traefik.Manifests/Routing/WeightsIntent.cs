using System.Collections.Immutable;

namespace Traefik.Manifests.Routing;

/// <summary>
/// New weights for the backends of a weighted route (<see cref="WeightedRoutes.UpdateWeights"/>), by role, by Service
/// name, or both. A backend given by role without a Service name is found in <c>{route}-wrr</c>: the stable one is the
/// only backend named <c>*-stable</c>, else the first listed (the one a route is created with); the canary is the only
/// other backend named <c>*-canary</c>, else the only backend besides the stable one. When several could be the canary,
/// it must be named.
/// </summary>
public sealed record WeightsIntent
{
    /// <summary>The stable backend's new weight (and, to address it by name or to add it, its Service).</summary>
    public BackendWeight? Stable { get; init; }

    /// <summary>The canary's new weight; with a Service that is not a backend yet, the canary is added.</summary>
    public BackendWeight? Canary { get; init; }

    /// <summary>New weights of backends named by their Service; a name that is not a backend yet is added.</summary>
    public ImmutableList<BackendWeight>? Weights { get; init; }
}
