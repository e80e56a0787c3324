using Traefik.GitOps.Git;
using Traefik.GitOps.Proposals;

namespace Traefik.GitOps.Branches;

/// <summary>A proposal branch as the current base sees it, and where it should be.</summary>
internal sealed record BranchView(string Branch, BranchStatus Status)
{
    /// <summary>The branch tip read (local branch, or the remote's for pull request delivery).</summary>
    public GitCommit? Tip { get; init; }

    /// <summary>Where the branch should be: its tip, or its rebuild on the current base.</summary>
    public GitCommit? EffectiveTip { get; init; }

    /// <summary>The commit its own commits (should) sit on: the base branch, or the proposal it builds on.</summary>
    public GitCommit? Fork { get; init; }

    /// <summary>The pending proposal branch it builds on, or null.</summary>
    public string? DependsOn { get; init; }

    /// <summary>The namespace and object its commits are about.</summary>
    public string Target { get; init; } = string.Empty;

    /// <summary>Its own commits (not those of the proposal it builds on), oldest first.</summary>
    public IReadOnlyList<GitCommit> Own { get; init; } = [];

    /// <summary>The proposal of its last own commit after a rebuild (for the pull request text), or null.</summary>
    public Proposal? Last { get; init; }

    /// <summary>Why it is a conflict or frozen, for a person.</summary>
    public string? Message { get; init; }

    public bool IsPending => Status is BranchStatus.UpToDate or BranchStatus.Rebuilt or BranchStatus.Conflict or BranchStatus.Frozen;

    /// <summary>True when the branch must move to <see cref="EffectiveTip"/> (rebuilt in memory, not written yet).</summary>
    public bool MustMove => Status == BranchStatus.Rebuilt && EffectiveTip?.Id != Tip?.Id;
}
