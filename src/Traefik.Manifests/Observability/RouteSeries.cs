using System.Collections.Immutable;
namespace Traefik.Manifests.Observability;

/// <summary>Where a route's traffic shows up in Traefik's Prometheus metrics.</summary>
public sealed record RouteSeries
{
    /// <summary>The IngressRoute's namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The IngressRoute's name.</summary>
    public required string Route { get; init; }

    /// <summary>One group per distinct load balancer the route's rules point at.</summary>
    public required ImmutableList<SplitGroup> Groups { get; init; }

    /// <summary>Parts of the route whose traffic cannot be measured from the repository, and why.</summary>
    public required ImmutableList<string> Notes { get; init; }

    /// <summary>Every backend of every group, each label once, in group order.</summary>
    public IEnumerable<SeriesBackend> Backends =>
        Groups.SelectMany(g => g.Backends).DistinctBy(b => (b.Label, b.Role));
}
