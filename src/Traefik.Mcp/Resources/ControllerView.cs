namespace Traefik.Mcp.Resources;

/// <summary>A progressive delivery controller that owns a TraefikService's weights.</summary>
public sealed record ControllerView
{
    /// <summary>Argo Rollouts or Flagger.</summary>
    public required string Controller { get; init; }

    /// <summary>Rollout or Canary.</summary>
    public required string Kind { get; init; }

    /// <summary>The controller object's namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The controller object's name.</summary>
    public required string Name { get; init; }

    /// <summary>The field that names the TraefikService.</summary>
    public required string Field { get; init; }

    /// <summary>The TraefikService whose weights it sets.</summary>
    public required string TraefikService { get; init; }
}
