using System.ComponentModel;

namespace Traefik.Mcp.Proposals;

/// <summary>A service that receives copies of a router's requests.</summary>
public sealed record ImpactMirrorView
{
    /// <summary>The Kubernetes Service, or name@provider.</summary>
    public required string Service { get; init; }

    /// <summary>The namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The port as written.</summary>
    public string? Port { get; init; }

    /// <summary>Percent of requests copied.</summary>
    [Description("Percentage of the router's requests copied to it (two decimals).")]
    public required decimal Percent { get; init; }
}
