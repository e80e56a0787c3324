namespace Traefik.GitOps;

/// <summary>What delivering a proposal writes.</summary>
public enum DeliveryMode
{
    /// <summary>Nothing: the proposal (with its exact diff) is the result.</summary>
    Diff,

    /// <summary>
    /// The changed files are written into the checked-out working tree, uncommitted, each one atomically
    /// (temporary file, then rename). Plans start from the working tree, so uncommitted edits are respected
    /// and successive steps stack on disk.
    /// </summary>
    Worktree,

    /// <summary>
    /// A commit on the proposal branch, built from trees without checking anything out: the working tree,
    /// the index and the current branch are untouched. Plans start from the proposal branch while it is
    /// ahead of the base branch, else from the base branch.
    /// </summary>
    Branch,

    /// <summary>
    /// The branch commit, a push of the proposal branch, and an opened or updated pull request (one per
    /// branch). Plans start from the remote's proposal branch while it is ahead of the remote's base branch,
    /// else from the remote's base branch (fetched first).
    /// </summary>
    PullRequest,
}
