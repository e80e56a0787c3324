using System.Collections.Immutable;

namespace Traefik.Manifests.Transports;

/// <summary>The Kubernetes Services that should start (<see cref="ServersTransports.Link"/>) or stop (<see cref="ServersTransports.Unlink"/>) using a ServersTransport.</summary>
public sealed record TransportLinkIntent
{
    /// <summary>The Service names, in the transport's namespace. Link needs one or more; for unlink, none means every Service using the transport.</summary>
    public ImmutableList<string>? ServiceNames { get; init; }

    /// <summary>
    /// Link: also set the <c>service.serverstransport</c> annotation on the Service manifests, which must then be in the
    /// set, for routes of Traefik's Kubernetes Ingress provider. Unlink always removes the annotation where it names the
    /// transport.
    /// </summary>
    public bool AnnotateServices { get; init; }
}
