using System.ComponentModel;

namespace Traefik.Mcp.Proposals;

/// <summary>The structured result of traefik_refresh_proposals.</summary>
public sealed record RefreshView
{
    /// <summary>branch (local proposal branches) or pull_request (the remote's, with their pull requests).</summary>
    [Description("branch (local proposal branches) or pull_request (the remote's proposal branches and their pull requests).")]
    public required string Mode { get; init; }

    /// <summary>The base branch.</summary>
    public required string BaseBranch { get; init; }

    /// <summary>The base commit the proposals were checked against.</summary>
    public string? BaseCommit { get; init; }

    /// <summary>True when a proposal could not follow its base and was left as it was.</summary>
    [Description("True when a proposal could not follow its base (conflict or not_rebuilt) and was left as it was.")]
    public required bool HasProblems { get; init; }

    /// <summary>Each pending proposal, dependencies first.</summary>
    public required IReadOnlyList<ProposalRefreshView> Proposals { get; init; }

    /// <summary>What happened, in words.</summary>
    public required string Message { get; init; }
}
