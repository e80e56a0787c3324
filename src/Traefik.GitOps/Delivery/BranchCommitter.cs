using Traefik.GitOps.Git;
using Traefik.GitOps.Proposals;
using Traefik.GitOps.State;

namespace Traefik.GitOps.Delivery;

/// <summary>
/// Writes proposals as commits: the tree of the proposal's files on its basis, the message from the template with
/// the trailers that record the proposal, its target, the proposal it builds on and its intent; and, for branch
/// delivery, moves the proposal branch (and the pending proposals it builds on, when they were rebuilt) to it,
/// each only if it is still where it was read. Never touches a checked-out branch.
/// </summary>
internal sealed class BranchCommitter(GitOpsContext context)
{
    /// <summary>
    /// Writes the commit of a proposal (no reference moves). A rebuild passes the <paramref name="author"/> and
    /// <paramref name="committer"/> of the commit it replays; otherwise both are the configured identities, now.
    /// </summary>
    /// <exception cref="GitOpsException">The recorded intent holds a credential, or a file cannot be written in the tree.</exception>
    public GitCommit CreateCommit(GitSession session, Proposal proposal, GitSignature? author = null, GitSignature? committer = null)
    {
        // The recorded intent is encoded, so redacting the message could not hide a credential inside it.
        if (proposal.Intent.Record is { } record && context.Redactor.Leaks(record.ToJson()))
        {
            throw new GitOpsException($"The arguments of '{context.Redactor.Redact(proposal.Title)}' contain a configured credential, so they are not recorded in a commit. Nothing was committed; remove the credential from the arguments.");
        }

        var baseTree = session.TreeOfCommit(proposal.Basis.Commit);
        var tree = session.BuildTree(baseTree, proposal.FileBytes.Select(b => (b.Key, b.Value)));
        var when = context.Time.GetUtcNow();
        var options = context.Options;
        var committerIdentity = options.Committer ?? options.Author;
        author ??= new GitSignature(options.Author.Name, options.Author.Email, when);
        committer ??= new GitSignature(committerIdentity.Name, committerIdentity.Email, when);
        var message = context.Redactor.Redact(context.Templates.CommitMessage(proposal, context.BaseBranch));
        return session.CreateCommit(author, committer, message, tree, proposal.Basis.Commit);
    }

    /// <summary>
    /// Branch delivery: commits the proposal and moves its branch there (after the rebuilt proposals it builds on);
    /// when the change cancels out what the branch proposed, deletes the branch instead.
    /// </summary>
    /// <exception cref="GitOpsException">The branch (or one it builds on) is checked out, or moved since it was read.</exception>
    public DeliveryResult Commit(GitSession session, ResolvedBasis basis, Proposal proposal, string branch)
    {
        var reference = "refs/heads/" + branch;
        ThrowIfCheckedOut(session, reference, branch);
        foreach (var dependency in basis.Publish)
        {
            ThrowIfCheckedOut(session, "refs/heads/" + dependency.Branch, dependency.Branch);
        }

        var commit = CreateCommit(session, proposal);
        foreach (var dependency in basis.Publish)
        {
            session.SetReference("refs/heads/" + dependency.Branch, dependency.EffectiveTip!.Id, dependency.Tip?.Id, "traefik-gitops: rebuilt on the current base");
            context.Log($"rebuilt {dependency.Branch} on its current base: {GitCommit.Abbreviate(dependency.Tip?.Id)} -> {GitCommit.Abbreviate(dependency.EffectiveTip?.Id)}");
        }

        if (NetEmpty(session, commit, basis))
        {
            if (basis.LocalBranchTip is not null)
            {
                session.DeleteReference(reference, basis.LocalBranchTip);
            }

            context.Log($"{branch}: {proposal.Id} cancels out what the branch proposed; deleted it");
            return DeliveryVerdicts.Closed(proposal, DeliveryMode.Branch, branch, null, $"Nothing is left to merge: this change cancels out what {branch} proposed, so the branch was deleted instead of committed to.");
        }

        session.SetReference(reference, commit.Id, basis.LocalBranchTip, $"traefik-gitops: {proposal.Title}");
        context.Log($"committed {commit.Id} on {branch} for {proposal.Id}");
        return new DeliveryResult
        {
            Proposal = proposal,
            Mode = DeliveryMode.Branch,
            Outcome = DeliveryOutcome.Committed,
            Branch = branch,
            Commit = commit.Id,
            Files = [.. proposal.FileBytes.Keys],
            Message = Placement(proposal, commit, branch, context.BaseBranch) + " (not pushed).",
        };
    }

    /// <summary>True when the branch's own changes cancel out: the commit's tree is the tree it sits on.</summary>
    public static bool NetEmpty(GitSession session, GitCommit commit, ResolvedBasis basis) =>
        basis.BranchTip is not null && commit.TreeId == (basis.Fork is { } fork ? session.LookupCommit(fork)?.TreeId : session.EmptyTree());

    /// <summary>Where a commit went, in words: on the base, on the branch's pending changes, or on the pending proposal it builds on.</summary>
    private static string Placement(Proposal proposal, GitCommit commit, string branch, string baseBranch) =>
        proposal.Basis.DependsOn is { } dependency
            ? $"Committed {commit.ShortId} on {branch}, on top of the pending proposal {dependency} (this branch carries that change too, so either can be merged first)"
            : proposal.Basis.IsPendingBranch
                ? $"Committed {commit.ShortId} on {branch}, on top of its pending changes"
                : $"Committed {commit.ShortId} on {branch}, based on {baseBranch}";

    private static void ThrowIfCheckedOut(GitSession session, string reference, string branch)
    {
        if (session.CheckedOutBranches().Contains(reference))
        {
            throw new GitOpsException(
                $"The branch {branch} is checked out, and moving it would change that checkout's files and index under it. Nothing was committed. "
                + "Check out another branch, change the branch name template, or use working-tree delivery.");
        }
    }
}
