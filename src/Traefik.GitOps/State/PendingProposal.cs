namespace Traefik.GitOps.State;

/// <summary>A proposal branch ahead of the base branch: a change proposed but not merged yet.</summary>
/// <param name="Branch">The branch name.</param>
/// <param name="Commit">The branch tip.</param>
/// <param name="AheadBy">How many commits the branch has that the base branch does not.</param>
/// <param name="Namespace">The namespace named by the tip's <c>Traefik-Target</c> trailer.</param>
/// <param name="Target">The route or object named by the tip's <c>Traefik-Target</c> trailer.</param>
/// <param name="ProposalId">The tip's <c>Traefik-Proposal-Id</c> trailer.</param>
public sealed record PendingProposal(string Branch, string Commit, int AheadBy, string Namespace, string Target, string ProposalId)
{
    /// <summary>The pending proposal branch this one builds on (its tip's <c>Traefik-Depends-On</c> trailer), or null.</summary>
    public string? DependsOn { get; init; }
}
