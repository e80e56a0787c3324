using Traefik.Manifests.Model;

namespace Traefik.Manifests.Routing;

/// <summary>A new weight for a backend of a weighted route.</summary>
public sealed record BackendWeight
{
    /// <summary>
    /// The Kubernetes Service name. Required in <see cref="WeightsIntent.Weights"/>; for <see cref="WeightsIntent.Stable"/>
    /// and <see cref="WeightsIntent.Canary"/> it may be left out, and the backend is found by its role.
    /// </summary>
    public string? Service { get; init; }

    /// <summary>The new relative weight (0 or more).</summary>
    public required int Weight { get; init; }

    /// <summary>The port, used only when the backend is new (for example adding a canary).</summary>
    /// <value>The default is 80 for a new backend; an existing backend keeps its port.</value>
    public IntOrString? Port { get; init; }

    /// <summary>The namespace, used only when the backend is new.</summary>
    public string? Namespace { get; init; }
}
