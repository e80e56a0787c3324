using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Affinity;

/// <summary>What <see cref="StickySessions.Enable"/> or <see cref="StickySessions.Disable"/> did.</summary>
public sealed record StickySessionOutcome
{
    /// <summary>The Kubernetes Service made sticky (or not sticky any more).</summary>
    public required ObjectKey Service { get; init; }

    /// <summary>Service references whose <c>sticky.cookie</c> was set (enable: every reference to the Service) or removed (disable).</summary>
    public required ImmutableList<ServiceReferenceLocation> References { get; init; }

    /// <summary>Weighted TraefikServices whose <c>weighted.sticky.cookie</c> was set or removed.</summary>
    public required ImmutableList<ObjectKey> WeightedServices { get; init; }

    /// <summary>The Service whose <c>service.sticky.cookie*</c> annotations were written or removed, if any.</summary>
    public ObjectKey? AnnotatedService { get; init; }

    /// <summary>The server-level cookie name written by enable (null: Traefik generates one).</summary>
    public string? CookieName { get; init; }

    /// <summary>The weighted-level cookie name written by enable (null: Traefik generates one).</summary>
    public string? WeightedCookieName { get; init; }
}
