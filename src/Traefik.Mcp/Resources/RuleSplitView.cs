namespace Traefik.Mcp.Resources;

/// <summary>How one rule of a route splits its users: rules route by match, so each rule has its own split.</summary>
public sealed record RuleSplitView
{
    /// <summary>The router id, namespace/ingressroute#rule-index.</summary>
    public required string Router { get; init; }

    /// <summary>The rule.</summary>
    public required string Match { get; init; }

    /// <summary>direct (the rule points straight at Kubernetes Services) or traefik_service.</summary>
    public required string Type { get; init; }

    /// <summary>The rule's backends, with their percentage of the requests this rule matches.</summary>
    public required IReadOnlyList<RuleBackendView> Backends { get; init; }
}
