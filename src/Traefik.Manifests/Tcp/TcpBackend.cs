using Traefik.Manifests.Model;

namespace Traefik.Manifests.Tcp;

/// <summary>A Kubernetes Service behind a TCP route, in the route's namespace.</summary>
public sealed record TcpBackend
{
    /// <summary>The Kubernetes Service name, used exactly as given.</summary>
    public required string Name { get; init; }

    /// <summary>The Service port, by number or name (for example 5432 or <c>postgres</c>).</summary>
    public required IntOrString Port { get; init; }

    /// <summary>The relative weight when the route has several services (0 or more).</summary>
    /// <value>The default is null: not written, which Traefik reads as 1.</value>
    public int? Weight { get; init; }
}
