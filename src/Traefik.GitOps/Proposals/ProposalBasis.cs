namespace Traefik.GitOps.Proposals;

/// <summary>The state a plan started from: the delivery it belongs to and the commit (or working tree) it read.</summary>
public sealed record ProposalBasis
{
    /// <summary>The delivery whose starting state this is (never <see cref="DeliveryMode.Diff"/>).</summary>
    public required DeliveryMode Mode { get; init; }

    /// <summary>The base branch name.</summary>
    public required string BaseBranch { get; init; }

    /// <summary>The base branch's commit id, or null when the base branch has no commit yet.</summary>
    public string? BaseCommit { get; init; }

    /// <summary>
    /// The commit the plan read: the proposal branch tip when <see cref="IsPendingBranch"/>, else the base
    /// commit; for <see cref="DeliveryMode.Worktree"/> the checked-out HEAD commit (the working tree on top).
    /// </summary>
    public string? Commit { get; init; }

    /// <summary>True when the plan stacks on the proposal branch because it is ahead of the base branch (a pending, unmerged change).</summary>
    public bool IsPendingBranch { get; init; }

    /// <summary>
    /// The pending proposal branch this plan builds on, because the change needs an object that exists only
    /// there (a middleware, a transport, a route not merged yet); null when it builds on the base branch or on
    /// its own proposal branch alone. The proposal branch then carries that change too, so merging it first
    /// still leaves the base branch valid.
    /// </summary>
    public string? DependsOn { get; init; }

    /// <summary>
    /// A text that changes whenever the state read changes: the commit id, and for the working tree also a
    /// hash of every uncommitted file under the root. Part of the proposal id.
    /// </summary>
    public required string Identity { get; init; }
}
