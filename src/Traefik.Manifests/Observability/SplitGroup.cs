using System.Collections.Immutable;
namespace Traefik.Manifests.Observability;

/// <summary>
/// The backends that share one rule's requests (one Traefik router). Rules that point at the same single
/// TraefikService share one group, because their backends' series cannot be told apart.
/// </summary>
public sealed record SplitGroup
{
    /// <summary>The name of the load balancer that splits the requests: the rule's router, or the TraefikService the rule points at.</summary>
    public required string Key { get; init; }

    /// <summary>The matches of the rules whose requests this group receives.</summary>
    public required ImmutableList<string> Matches { get; init; }

    /// <summary>The Kubernetes Services, serving ones first, then mirrors; each label appears once.</summary>
    public required ImmutableList<SeriesBackend> Backends { get; init; }
}
