using Traefik.Manifests.Model;

namespace Traefik.Manifests.Routing;

/// <summary>A Kubernetes Service a simple rule sends traffic to.</summary>
public sealed record SimpleService
{
    /// <summary>The Service name.</summary>
    public required string Name { get; init; }

    /// <summary>The port by number or name.</summary>
    /// <value>Null (the default) means 80.</value>
    public IntOrString? Port { get; init; }

    /// <summary>Weight among the rule's services (absent means 1 in Traefik).</summary>
    public int? Weight { get; init; }

    /// <summary>The Service namespace; null means the route's namespace.</summary>
    public string? Namespace { get; init; }
}
