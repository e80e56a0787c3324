using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Transports;

/// <summary>What <see cref="ServersTransports.Link"/> or <see cref="ServersTransports.Unlink"/> did.</summary>
public sealed record TransportLinkOutcome
{
    /// <summary>The transport.</summary>
    public required ObjectKey Transport { get; init; }

    /// <summary>
    /// For a link, every service reference that now uses the transport (already linked ones included);
    /// for an unlink, every reference it was removed from.
    /// </summary>
    public required ImmutableList<ServiceReferenceLocation> References { get; init; }

    /// <summary>Kubernetes Services whose <c>service.serverstransport</c> annotation was set (link) or removed (unlink).</summary>
    public required ImmutableList<ObjectKey> AnnotatedServices { get; init; }
}
