using Traefik.Manifests.Model;

namespace Traefik.Manifests.Routing;

/// <summary>A Kubernetes Service behind a weighted route.</summary>
public sealed record WeightedBackend
{
    /// <summary>The Kubernetes Service name, used exactly as given (nothing is appended).</summary>
    public required string Service { get; init; }

    /// <summary>The Service port, by number or name.</summary>
    /// <value>Null (the default) means 80.</value>
    public IntOrString? Port { get; init; }

    /// <summary>The relative weight (0 or more).</summary>
    public required int Weight { get; init; }

    /// <summary>The Service namespace; null means the route's namespace (another namespace needs Traefik's allowCrossNamespace).</summary>
    public string? Namespace { get; init; }
}
