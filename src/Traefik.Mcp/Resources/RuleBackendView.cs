namespace Traefik.Mcp.Resources;

/// <summary>A backend of one rule, with its share of the requests the rule matches.</summary>
public sealed record RuleBackendView
{
    /// <summary>The Kubernetes Service (or name@provider).</summary>
    public required string Service { get; init; }

    /// <summary>The namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The port as written.</summary>
    public string? Port { get; init; }

    /// <summary>The weight written on the rule's service (absent counts as 1); null when reached through a TraefikService.</summary>
    public int? Weight { get; init; }

    /// <summary>Share of the rule's requests, in percent.</summary>
    public required decimal Percent { get; init; }
}
