using Traefik.GitOps.Branches;
using Traefik.GitOps.Git;
using Traefik.GitOps.Intents;
using Traefik.GitOps.Proposals;
using Traefik.GitOps.PullRequests;
using Traefik.GitOps.State;

namespace Traefik.GitOps.Delivery;

/// <summary>
/// Delivers an intent, or a proposal of it, with the writer lock held: plans it again when the state the delivery
/// builds on moved since it was planned, refuses it while a file cannot be read or when the result is invalid, and
/// writes it to the working tree (all files or none, see <see cref="WorktreeWriter"/>), commits it to its branch
/// (<see cref="BranchCommitter"/>), or hands it to the <see cref="PullRequestPublisher"/>.
/// </summary>
internal sealed class ProposalDelivery(
    GitOpsContext context,
    SessionPool sessions,
    BasisResolver resolver,
    StackingPlanner planner,
    BranchCommitter committer,
    PullRequestPublisher publisher)
{
    /// <summary>Test seam: runs before a working-tree delivery replaces each file, with its path.</summary>
    public Action<string>? BeforeWorktreeWrite { get; set; }

    /// <param name="proposal">The proposal planned before, or null to plan now.</param>
    /// <param name="intent">The intent.</param>
    /// <param name="mode">What to write (not <see cref="DeliveryMode.Diff"/>).</param>
    /// <param name="reviewedDiff">The diff that was reviewed: when the plan differs, nothing is written. Null delivers any plan.</param>
    /// <param name="cancellationToken">Cancels the pull request calls.</param>
    public async Task<DeliveryResult> DeliverAsync(Proposal? proposal, ITrafficIntent intent, DeliveryMode mode, string? reviewedDiff, CancellationToken cancellationToken)
    {
        var branch = context.BranchFor(intent);
        if (mode == DeliveryMode.PullRequest)
        {
            return await publisher.PublishAsync(proposal, intent, branch, reviewedDiff, cancellationToken).ConfigureAwait(false);
        }

        using var session = sessions.Open();
        if (mode == DeliveryMode.Worktree && session.WorkingDirectory is { } workTree)
        {
            // Before the working tree is read: put back what a killed delivery left half-written.
            var restored = Writer(workTree).Recover(context.IndexedFolders);
            if (restored.Count > 0)
            {
                context.Log($"restored {restored.Count} file(s) a killed working-tree delivery had left half-written: {string.Join(", ", restored)}");
            }
        }

        var resolved = resolver.Resolve(session, mode, branch);
        DeliveryVerdicts.ThrowIfUnreadable(resolved.State);
        var (current, basis) = planner.Current(session, resolved, proposal, intent, branch);
        if (reviewedDiff is not null && current.Diff != reviewedDiff)
        {
            return DeliveryVerdicts.NotDelivered(context, current, mode, branch);
        }

        if (current.IsNoOp)
        {
            return DeliveryVerdicts.NoChanges(current, mode, branch, 0);
        }

        DeliveryVerdicts.ThrowIfInvalid(current);
        return mode == DeliveryMode.Worktree ? WriteWorktree(session, current) : committer.Commit(session, basis, current, branch);
    }

    private WorktreeWriter Writer(string workTree) => new(workTree, context.GitDirectory) { BeforeEach = BeforeWorktreeWrite };

    private DeliveryResult WriteWorktree(GitSession session, Proposal proposal)
    {
        var root = Path.GetFullPath(session.WorkingDirectory!);
        var kinds = proposal.FileChanges.ToDictionary(c => c.Path, c => c.Kind, StringComparer.Ordinal);
        var written = Writer(root).Write([.. proposal.FileBytes.Select(f => new FileWrite(
            f.Key,
            kinds.TryGetValue(f.Key, out var kind) ? kind : f.Value is null ? FileChangeKind.Deleted : FileChangeKind.Modified,
            f.Value))]);
        context.Log($"wrote {written.Count} file(s) to the working tree for {proposal.Id}");
        return new DeliveryResult
        {
            Proposal = proposal,
            Mode = DeliveryMode.Worktree,
            Outcome = DeliveryOutcome.WrittenToWorktree,
            Files = [.. written],
            Message = $"Wrote {written.Count} file(s) to the working tree {root} (not committed): {string.Join(", ", written)}.",
        };
    }
}
