using Traefik.GitOps.PullRequests;

namespace Traefik.GitOps.Refresh;

/// <summary>What a refresh did to one proposal branch.</summary>
public sealed record ProposalRefresh
{
    /// <summary>The proposal branch.</summary>
    public required string Branch { get; init; }

    /// <summary>What happened.</summary>
    public required RefreshOutcome Outcome { get; init; }

    /// <summary>The namespace and object the proposal is about (<c>namespace/name</c>, from its commits), or empty when unknown.</summary>
    public string Target { get; init; } = string.Empty;

    /// <summary>The pending proposal branch it builds on after the refresh, or null.</summary>
    public string? DependsOn { get; init; }

    /// <summary>The branch tip before the refresh.</summary>
    public string? OldCommit { get; init; }

    /// <summary>The branch tip after the refresh (null when the branch was closed).</summary>
    public string? NewCommit { get; init; }

    /// <summary>The pull request updated or closed, or null.</summary>
    public PullRequestResult? PullRequest { get; init; }

    /// <summary>What the branch now proposes over what it builds on, as <c>git diff</c> prints it (empty when it was closed or is unchanged).</summary>
    public string Diff { get; init; } = string.Empty;

    /// <summary>One paragraph for a person; for a conflict, the reason with both versions of each object.</summary>
    public required string Message { get; init; }
}
