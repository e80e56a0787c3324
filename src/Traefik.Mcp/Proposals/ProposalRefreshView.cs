using System.ComponentModel;

namespace Traefik.Mcp.Proposals;

/// <summary>What a refresh did to one proposal branch.</summary>
public sealed record ProposalRefreshView
{
    /// <summary>The proposal branch.</summary>
    public required string Branch { get; init; }

    /// <summary>namespace/name of what the proposal is about.</summary>
    public required string Target { get; init; }

    /// <summary>up_to_date, rebuilt, closed_merged, closed_empty, conflict or not_rebuilt.</summary>
    [Description("up_to_date, rebuilt (its intents were planned again on the current base and the branch and pull request updated), closed_merged or closed_empty (branch deleted, pull request closed), conflict or not_rebuilt (left as it was; see message).")]
    public required string Outcome { get; init; }

    /// <summary>The pending proposal branch it builds on after the refresh, or null.</summary>
    public string? DependsOn { get; init; }

    /// <summary>The branch tip before.</summary>
    public string? OldCommit { get; init; }

    /// <summary>The branch tip after (null when closed).</summary>
    public string? NewCommit { get; init; }

    /// <summary>The pull request updated or closed.</summary>
    public int? PullRequestNumber { get; init; }

    /// <summary>Its URL.</summary>
    public string? PullRequestUrl { get; init; }

    /// <summary>What a rebuilt branch now proposes over what it builds on, exactly as git prints it.</summary>
    public required string Diff { get; init; }

    /// <summary>What happened; for a conflict, why, with both versions of each object.</summary>
    public required string Message { get; init; }
}
