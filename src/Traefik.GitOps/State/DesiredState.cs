using System.Collections.Immutable;
using Traefik.GitOps.Proposals;
using Traefik.Manifests.Model;

namespace Traefik.GitOps.State;

/// <summary>
/// The Traefik objects of the repository as a plan would see them (the same starting state a delivery
/// builds on), where each is defined, and the proposal branches that are pending.
/// </summary>
public sealed record DesiredState
{
    /// <summary>Every Kubernetes object found under the root.</summary>
    public required ManifestSet Objects { get; init; }

    /// <summary>The state read.</summary>
    public required ProposalBasis Basis { get; init; }

    /// <summary>Where each object is defined (more than one location when it is defined twice, which is an error to plan on).</summary>
    public required ImmutableSortedDictionary<ObjectKey, ImmutableList<ObjectLocation>> Locations { get; init; }

    /// <summary>Problems found while indexing, as sentences: every unreadable file, and objects defined twice.</summary>
    public required ImmutableList<string> Problems { get; init; }

    /// <summary>
    /// Files and links under the indexed folders that could not be read (see <see cref="UnreadableFile"/>), with
    /// the line and reason. While there is one, <see cref="Objects"/> may miss what it defines: no proposal is
    /// valid, and only previews are delivered.
    /// </summary>
    public ImmutableList<UnreadableFile> Unreadable { get; init; } = [];

    /// <summary>
    /// Proposal branches ahead of the base branch (local branches for branch delivery, the remote's for pull
    /// request delivery), recognised by the trailers this library writes. Their changes are not in
    /// <see cref="Objects"/> unless <see cref="ProposalBasis.IsPendingBranch"/> says the state was read from one.
    /// </summary>
    public required ImmutableList<PendingProposal> PendingProposals { get; init; }

    /// <summary>The first location of an object, or null.</summary>
    public ObjectLocation? Locate(ObjectKey key) => Locations.TryGetValue(key, out var list) && list.Count > 0 ? list[0] : null;
}
