using System.Collections.Immutable;

namespace Traefik.Manifests.Transports;

/// <summary>
/// A ServersTransport to write (<see cref="ServersTransports.Upsert"/>), and the Kubernetes Services that should use it
/// in the same change. Its name and namespace are the arguments of the operation.
/// </summary>
public sealed record ServersTransportIntent
{
    /// <summary>The complete desired spec; a field left out is removed from an existing transport. Empty lists are not written.</summary>
    public required ServersTransportSpec Spec { get; init; }

    /// <summary>Kubernetes Services (in the transport's namespace) to link to it, as <see cref="ServersTransports.Link"/> does; none leaves links alone.</summary>
    public ImmutableList<string>? ServiceNames { get; init; }

    /// <summary>With <see cref="ServiceNames"/>, also set the <c>service.serverstransport</c> annotation on their Service manifests.</summary>
    public bool AnnotateServices { get; init; }
}
