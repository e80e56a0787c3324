using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Traefik.Mcp.Proposals;

/// <summary>One router whose effect on users changes.</summary>
public sealed record TrafficImpactView
{
    /// <summary>The router id.</summary>
    [Description("The router: namespace/ingressroute#rule-index for an IngressRoute rule, tcp:namespace/ingressroutetcp#rule-index for an IngressRouteTCP rule.")]
    public required string Router { get; init; }

    /// <summary>The rule.</summary>
    [Description("The router's rule (after the change; before it for a removed router).")]
    public required string Match { get; init; }

    /// <summary>created, updated or removed.</summary>
    [Description("created, updated or removed.")]
    public required string Change { get; init; }

    /// <summary>The differences in plain words.</summary>
    [Description("What changes for users, in plain words, users' shares first (e.g. \"api-stable 95% → 90%, api-canary 5% → 10%\").")]
    public required IReadOnlyList<string> Differences { get; init; }

    /// <summary>The router before the change; null when created.</summary>
    [Description("The router before the change; null when it is created.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public RouterStateView? Before { get; init; }

    /// <summary>The router after the change; null when removed.</summary>
    [Description("The router after the change; null when it is removed.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public RouterStateView? After { get; init; }
}
