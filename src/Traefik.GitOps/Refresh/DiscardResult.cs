using System.Collections.Immutable;
using Traefik.GitOps.PullRequests;

namespace Traefik.GitOps.Refresh;

/// <summary>What discarding a proposal did.</summary>
public sealed record DiscardResult
{
    /// <summary>The proposal branch.</summary>
    public required string Branch { get; init; }

    /// <summary>The tip of the local branch that was deleted, or null.</summary>
    public string? DeletedLocalCommit { get; init; }

    /// <summary>The tip of the remote branch that was deleted, or null.</summary>
    public string? DeletedRemoteCommit { get; init; }

    /// <summary>The pull request closed, or null.</summary>
    public PullRequestResult? PullRequest { get; init; }

    /// <summary>Proposals that built on the discarded one, rebuilt on the base (or left as they were, with the reason).</summary>
    public ImmutableList<ProposalRefresh> Dependents { get; init; } = [];

    /// <summary>One line for a person.</summary>
    public required string Message { get; init; }
}
