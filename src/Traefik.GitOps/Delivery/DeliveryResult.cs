using System.Collections.Immutable;
using Traefik.GitOps.Proposals;
using Traefik.GitOps.PullRequests;

namespace Traefik.GitOps.Delivery;

/// <summary>What a delivery did.</summary>
public sealed record DeliveryResult
{
    /// <summary>The proposal that was delivered (re-planned when the state moved since it was planned), or, for <see cref="DeliveryOutcome.NotDelivered"/>, the new plan.</summary>
    public required Proposal Proposal { get; init; }

    /// <summary>The delivery mode.</summary>
    public required DeliveryMode Mode { get; init; }

    /// <summary>What happened.</summary>
    public required DeliveryOutcome Outcome { get; init; }

    /// <summary>The proposal branch, for branch and pull request delivery.</summary>
    public string? Branch { get; init; }

    /// <summary>The commit created, for branch and pull request delivery.</summary>
    public string? Commit { get; init; }

    /// <summary>The files written (working tree delivery) or committed, by repository path.</summary>
    public ImmutableList<string> Files { get; init; } = [];

    /// <summary>The pull request opened or updated, or null.</summary>
    public PullRequestResult? PullRequest { get; init; }

    /// <summary>How many pushes were made (more than one when the remote moved and the intent was re-planned).</summary>
    public int PushAttempts { get; init; }

    /// <summary>One line for a person: what was written where.</summary>
    public required string Message { get; init; }
}

/// <summary>What a delivery did.</summary>
public enum DeliveryOutcome
{
    /// <summary>The intent was already satisfied: nothing was written, committed, pushed or opened.</summary>
    NoChanges,

    /// <summary>Diff delivery: nothing was written.</summary>
    Previewed,

    /// <summary>The files were written into the working tree.</summary>
    WrittenToWorktree,

    /// <summary>A commit was added to the proposal branch (not pushed).</summary>
    Committed,

    /// <summary>The proposal branch was pushed; no pull request provider is configured.</summary>
    Pushed,

    /// <summary>The branch was pushed and a pull request opened.</summary>
    PullRequestOpened,

    /// <summary>The branch was pushed and its existing pull request updated.</summary>
    PullRequestUpdated,

    /// <summary>
    /// A reviewed proposal was not delivered: planned on the current state its diff differs from the reviewed one.
    /// Nothing was written; <see cref="DeliveryResult.Proposal"/> is the new plan, to review instead.
    /// </summary>
    NotDelivered,

    /// <summary>
    /// The change cancels out what its proposal branch proposed: nothing is left to merge, so the branch was deleted
    /// (locally, and on the remote for pull request delivery) and its pull request closed, instead of committing.
    /// </summary>
    BranchClosed,
}
