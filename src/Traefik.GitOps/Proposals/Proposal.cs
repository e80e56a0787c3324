using System.Collections.Immutable;
using Traefik.GitOps.Intents;
using Traefik.Manifests.Impact;

namespace Traefik.GitOps.Proposals;

/// <summary>
/// A planned change: what the intent does to the desired state, file by file, with the unified diff
/// exactly as <c>git diff</c> prints it, the operation's warnings and the validation report. Delivering
/// it writes exactly this (or re-plans it when the state it was planned on has moved).
/// </summary>
public sealed record Proposal
{
    /// <summary>
    /// A stable id: the first 16 hex digits of SHA-256 over the intent's fingerprint and the state the plan
    /// started from (<see cref="ProposalBasis.Identity"/>). The same intent on the same base gives the same id.
    /// </summary>
    public required string Id { get; init; }

    /// <summary>One-line title (the intent's).</summary>
    public required string Title { get; init; }

    /// <summary>A few plain-text lines: what changes, in which files, warnings and validation status.</summary>
    public required string Summary { get; init; }

    /// <summary>The intent this proposal was planned from (kept so delivery can re-plan it).</summary>
    public required ITrafficIntent Intent { get; init; }

    /// <summary>The state the plan started from.</summary>
    public required ProposalBasis Basis { get; init; }

    /// <summary>The proposal branch (from the branch name template) — where branch and pull request delivery commit.</summary>
    public required string Branch { get; init; }

    /// <summary>Objects created, updated or deleted, in key order.</summary>
    public required ImmutableList<ObjectChangeSummary> ObjectChanges { get; init; }

    /// <summary>Files added, modified or deleted, by path.</summary>
    public required ImmutableList<FileChange> FileChanges { get; init; }

    /// <summary>The unified diff of <see cref="FileChanges"/>, byte for byte what <c>git diff</c> prints (empty for no changes).</summary>
    public required string Diff { get; init; }

    /// <summary>Warnings from the operation.</summary>
    public required ImmutableList<string> Warnings { get; init; }

    /// <summary>CRD schema and cross-object checks of the changed objects.</summary>
    public required ValidationReport Validation { get; init; }

    /// <summary>The operation's outcome (percentages, mirror state…), or null.</summary>
    public object? Outcome { get; init; }

    /// <summary>
    /// What changes for users: one entry per router (IngressRoute or IngressRouteTCP rule) whose effective behaviour
    /// differs — its backends' shares, the copies mirrors get, backend options, entry points, TLS, middlewares —
    /// with the model before and after. Empty when no router changes.
    /// </summary>
    public ImmutableList<RouterImpact> TrafficImpact { get; init; } = [];

    /// <summary>The bytes each changed file will hold (null for a deletion), encoding and line endings kept.</summary>
    internal ImmutableSortedDictionary<string, byte[]?> FileBytes { get; init; } = ImmutableSortedDictionary.Create<string, byte[]?>(StringComparer.Ordinal);

    /// <summary>True when the intent is already satisfied: delivering it commits, pushes and opens nothing.</summary>
    public bool IsNoOp => FileChanges.IsEmpty;
}
