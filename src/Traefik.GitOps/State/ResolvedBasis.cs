using Traefik.GitOps.Branches;
using Traefik.GitOps.Planning;
using Traefik.GitOps.Proposals;

namespace Traefik.GitOps.State;

/// <summary>
/// A resolved starting state: the basis a plan starts from, and where the proposal branch stands, as a delivery
/// needs it (the local branch tip read, the tip a new proposal replaces, the commit its own changes sit on, and the
/// pending proposals it builds on whose rebuild must be written first).
/// </summary>
internal sealed record ResolvedBasis(PlanBasis Plan)
{
    /// <summary>The public description of the state.</summary>
    public ProposalBasis Public => Plan.Public;

    /// <summary>The index of the state.</summary>
    public StateIndex State => Plan.State;

    /// <summary>The local proposal branch tip read (null for pull requests, whose branch is the remote's), which a commit must find there.</summary>
    public string? LocalBranchTip { get; init; }

    /// <summary>
    /// The proposal branch tip a new proposal replaces (a branch whose changes were merged into the base but that was
    /// kept, or one rebuilt on its current base), which pushing must overwrite.
    /// </summary>
    public string? ReplacedBranchTip { get; init; }

    /// <summary>The commit the proposal branch's own changes sit on (the base, or the proposal it builds on): its net change is measured against it.</summary>
    public string? Fork { get; init; }

    /// <summary>The proposal branch's tip as read (the remote's for pull requests), or null when there is none: what a push must find there.</summary>
    public string? BranchTip { get; init; }

    /// <summary>Pending proposals this basis builds on whose rebuild must be written before this branch (deepest first).</summary>
    public IReadOnlyList<BranchView> Publish { get; init; } = [];

    /// <summary>The survey the basis came from (null for the working tree).</summary>
    public BranchSurvey? Survey { get; init; }
}
