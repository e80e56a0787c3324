using System.Collections.Immutable;
using Traefik.GitOps.Git;
using Traefik.GitOps.Proposals;
using Traefik.GitOps.State;

namespace Traefik.GitOps.Planning;

/// <summary>
/// Where a plan starts: its public description (which delivery, which commit, its identity), the index of that
/// state, and, for the working tree, the files that differ from the commit (their text, or null when gone).
/// </summary>
internal sealed record PlanBasis(ProposalBasis Public, StateIndex State, IReadOnlyDictionary<string, FileText?> Overlay)
{
    private static readonly IReadOnlyDictionary<string, FileText?> NoOverlay = ImmutableSortedDictionary.Create<string, FileText?>(StringComparer.Ordinal);

    /// <summary>The <see cref="ProposalBasis.Identity"/> of a state read from a commit: its id, or "empty" for none.</summary>
    public static string IdentityOf(string? commitId) => commitId ?? "empty";

    /// <summary>A basis read from a commit alone (no working-tree files on top).</summary>
    public PlanBasis(ProposalBasis described, StateIndex state)
        : this(described, state, NoOverlay)
    {
    }
}
