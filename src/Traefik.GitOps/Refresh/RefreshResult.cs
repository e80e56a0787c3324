using System.Collections.Immutable;

namespace Traefik.GitOps.Refresh;

/// <summary>What a refresh did to every pending proposal of one delivery (local branches, or the remote's and their pull requests).</summary>
public sealed record RefreshResult
{
    /// <summary>Whose proposal branches: <see cref="DeliveryMode.Branch"/> (local) or <see cref="DeliveryMode.PullRequest"/> (the remote's).</summary>
    public required DeliveryMode Mode { get; init; }

    /// <summary>The base branch.</summary>
    public required string BaseBranch { get; init; }

    /// <summary>The base commit the proposals were refreshed against.</summary>
    public string? BaseCommit { get; init; }

    /// <summary>Each proposal branch, dependencies before the proposals that build on them.</summary>
    public required ImmutableList<ProposalRefresh> Proposals { get; init; }

    /// <summary>True when a proposal could not follow its base (<see cref="RefreshOutcome.Conflict"/> or <see cref="RefreshOutcome.NotRebuilt"/>).</summary>
    public bool HasProblems => Proposals.Any(p => p.Outcome is RefreshOutcome.Conflict or RefreshOutcome.NotRebuilt);

    /// <summary>One line for a person.</summary>
    public required string Message { get; init; }
}
