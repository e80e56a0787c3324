using Traefik.Mcp.Proposals;

namespace Traefik.Mcp.Resources;

/// <summary>One router of a route in the effective routing model: what its users get.</summary>
public sealed record RouterModelView
{
    /// <summary>The router id, namespace/ingressroute#rule-index.</summary>
    public required string Router { get; init; }

    /// <summary>The rule.</summary>
    public required string Match { get; init; }

    /// <summary>Entry points, TLS, middlewares, backends with their share of users and options, mirrors, problems.</summary>
    public required RouterStateView Effective { get; init; }

    /// <summary>What depends on Traefik's static configuration (cross-namespace references, other providers).</summary>
    public required IReadOnlyList<string> Notes { get; init; }
}
