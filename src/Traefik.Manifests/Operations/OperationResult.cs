using System.Collections.Immutable;
using Traefik.Manifests.Impact;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Operations;

/// <summary>What an operation did: the new objects, what changed, warnings, and an operation-specific outcome.</summary>
/// <typeparam name="TOutcome">The operation's outcome type.</typeparam>
public sealed record OperationResult<TOutcome>
{
    /// <summary>The complete set of objects after the operation.</summary>
    public required ManifestSet Objects { get; init; }

    /// <summary>The objects created, updated or deleted, in key order. Empty when the intent was already satisfied.</summary>
    public required ImmutableList<ObjectChange> Changes { get; init; }

    /// <summary>Things a person should know before shipping the change.</summary>
    public required ImmutableList<string> Warnings { get; init; }

    /// <summary>The operation-specific outcome (percentages, mirror status…).</summary>
    public required TOutcome Outcome { get; init; }

    /// <summary>
    /// What the operation was asked to change, router by router. <see cref="TrafficImpact.Violations"/> refuses any
    /// other difference in what users get.
    /// </summary>
    /// <value>The default is <see cref="ChangeAllowance.None"/>.</value>
    public ChangeAllowance Allowed { get; init; } = ChangeAllowance.None;

    /// <summary>True when nothing changed.</summary>
    public bool IsNoOp => Changes.IsEmpty;
}
