using System.ComponentModel;

namespace Traefik.Mcp.Proposals;

/// <summary>The structured result of traefik_discard_proposal.</summary>
public sealed record DiscardView
{
    /// <summary>The proposal branch, or null when the proposal was never delivered to one.</summary>
    public string? Branch { get; init; }

    /// <summary>The tip of the local branch deleted.</summary>
    public string? DeletedLocalCommit { get; init; }

    /// <summary>The tip of the remote branch deleted.</summary>
    public string? DeletedRemoteCommit { get; init; }

    /// <summary>The pull request closed.</summary>
    public int? PullRequestNumber { get; init; }

    /// <summary>Its URL.</summary>
    public string? PullRequestUrl { get; init; }

    /// <summary>The reviewed proposal that can no longer be delivered by its id, or null.</summary>
    [Description("The id of a reviewed (not yet delivered) proposal that was discarded: traefik_deliver_proposal refuses it from now on.")]
    public string? DiscardedProposalId { get; init; }

    /// <summary>Proposals that built on the discarded one: rebuilt on the base, or left as they were with the reason.</summary>
    public required IReadOnlyList<ProposalRefreshView> Dependents { get; init; }

    /// <summary>What happened, in words.</summary>
    public required string Message { get; init; }
}
