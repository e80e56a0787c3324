using System.Collections.Immutable;

namespace Traefik.Manifests.Mirroring;

/// <summary>The state of a route's mirror after an operation.</summary>
public sealed record MirrorOutcome
{
    /// <summary>The namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The route name.</summary>
    public required string RouteName { get; init; }

    /// <summary>The mirroring TraefikService, <c>{route}-mirror</c>.</summary>
    public required string MirrorTraefikService { get; init; }

    /// <summary>Whether the mirror is live in the desired state.</summary>
    public required MirrorStatus Status { get; init; }

    /// <summary>The main service (answers users), as <c>name</c> or <c>name (TraefikService)</c>; null when removed.</summary>
    public string? Main { get; init; }

    /// <summary>The mirrors and their percentages.</summary>
    public required ImmutableList<MirrorShare> Mirrors { get; init; }

    /// <summary>What the rules of IngressRoute <c>{route}</c> point at now, one entry per rule.</summary>
    public required ImmutableList<string> IngressTargets { get; init; }

    /// <summary>What to do next, in words.</summary>
    public required ImmutableList<string> NextSteps { get; init; }
}
