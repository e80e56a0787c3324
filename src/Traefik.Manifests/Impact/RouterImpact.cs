using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Impact;

/// <summary>How one router's effect on users changes: its model before and after, and the differences in words.</summary>
public sealed record RouterImpact
{
    /// <summary>The router id (<c>namespace/ingressroute#rule-index</c>, or <c>tcp:namespace/ingressroutetcp#rule-index</c>).</summary>
    public required string Router { get; init; }

    /// <summary>The route that defines the router.</summary>
    public required ObjectKey Route { get; init; }

    /// <summary>The rule index.</summary>
    public required int RuleIndex { get; init; }

    /// <summary>The rule (after the change; before it for a removed router).</summary>
    public required string Match { get; init; }

    /// <summary>Created, updated or removed.</summary>
    public required RouterChange Change { get; init; }

    /// <summary>The router before the change; null when created.</summary>
    public EffectiveRouter? Before { get; init; }

    /// <summary>The router after the change; null when removed.</summary>
    public EffectiveRouter? After { get; init; }

    /// <summary>The differences in plain words, users first (for example <c>api-stable 95% → 90%, api-canary 5% → 10%</c>).</summary>
    public required ImmutableList<string> Differences { get; init; }

    /// <summary>One line: the rule, then the differences.</summary>
    public override string ToString() => $"{Match}: {string.Join("; ", Differences)}";
}
