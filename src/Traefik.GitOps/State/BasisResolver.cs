using System.Collections.Immutable;
using Traefik.GitOps.Branches;
using Traefik.GitOps.Git;
using Traefik.GitOps.Planning;
using Traefik.GitOps.Proposals;
using Traefik.Manifests.Values;

namespace Traefik.GitOps.State;

/// <summary>
/// Works out which state a plan starts from: the working tree on top of HEAD, or the base branch (the remote's,
/// after a fetch, for pull requests), or the proposal branch while it is pending (rebuilt on the current base first
/// when the base moved). Also answers which proposal branches are pending, and which holds a proposal.
/// </summary>
internal sealed class BasisResolver(GitOpsContext context, StateReader states, BranchRebuilder rebuilder)
{
    /// <summary>The delivery whose starting state a plan or read uses: null or <see cref="DeliveryMode.Diff"/> means <see cref="GitOpsOptions.DefaultDelivery"/>.</summary>
    public DeliveryMode Effective(DeliveryMode? mode) => mode is null or DeliveryMode.Diff ? context.Options.DefaultDelivery : mode.Value;

    /// <param name="session">The session.</param>
    /// <param name="mode">The delivery whose starting state to resolve.</param>
    /// <param name="branch">The proposal branch, or null for the base.</param>
    /// <param name="conflictStops">True for a plan: a proposal branch that cannot follow its base stops it. A read shows the branch as it is.</param>
    public ResolvedBasis Resolve(GitSession session, DeliveryMode mode, string? branch, bool conflictStops = true)
    {
        if (mode == DeliveryMode.Worktree)
        {
            return WorktreeBasis(session);
        }

        var survey = Survey(session, mode);
        return BranchBasis(survey, branch, conflictStops);
    }

    /// <summary>A survey of the proposal branches of a delivery: the remote's after a fetch for pull requests, the local ones for branches.</summary>
    public BranchSurvey Survey(GitSession session, DeliveryMode mode, bool fetch = true)
    {
        if (mode == DeliveryMode.PullRequest)
        {
            if (!session.HasRemote(context.RemoteName))
            {
                throw new GitOpsException($"Pull request delivery pushes to the remote '{context.RemoteName}', which this repository does not have. Add it, or use branch delivery.");
            }

            if (fetch)
            {
                Fetch(session);
            }

            var remoteBase = session.ResolveCommit($"refs/remotes/{context.RemoteName}/{context.BaseBranch}")
                ?? throw new GitOpsException($"The remote '{context.RemoteName}' has no branch '{context.BaseBranch}' to base the pull request on.");
            return new BranchSurvey(context, rebuilder, session, mode, remoteBase);
        }

        return new BranchSurvey(context, rebuilder, session, mode, session.ResolveCommit("refs/heads/" + context.BaseBranch) ?? session.ResolveCommit($"refs/remotes/{context.RemoteName}/{context.BaseBranch}"));
    }

    /// <summary>Fetches the remote (pruning the branches it no longer has).</summary>
    /// <exception cref="GitOpsException">The fetch failed; the message says why, with a hint when it looks like authentication.</exception>
    public void Fetch(GitSession session)
    {
        context.Log($"fetch {context.RemoteName}");
        try
        {
            session.Fetch(context.RemoteName, context.Credentials());
        }
        catch (GitFailedException e)
        {
            throw context.Failure($"Fetching from {context.RemoteName}", e);
        }
    }

    /// <summary>
    /// Proposal branches ahead of the base branch whose changes are not in it (local branches for branch delivery, the
    /// remote's as last fetched for pull requests), recognised by the trailers this library writes, in name order.
    /// </summary>
    public ImmutableList<PendingProposal> PendingProposals(GitSession session, DeliveryMode mode)
    {
        var prefix = mode == DeliveryMode.PullRequest ? $"refs/remotes/{context.RemoteName}/" : "refs/heads/";
        var baseCommit = session.ResolveCommit(prefix + context.BaseBranch) ?? session.ResolveCommit("refs/heads/" + context.BaseBranch);
        var result = ImmutableList.CreateBuilder<PendingProposal>();
        foreach (var (name, tip) in session.Branches(prefix).OrderBy(b => b.Name, StringComparer.Ordinal))
        {
            var trailers = CommitTrailers.Parse(tip.Message);
            if (name == context.BaseBranch || name == "HEAD" || !trailers.TryGetValue(CommitTrailers.ProposalId, out var id))
            {
                continue;
            }

            var ahead = session.AheadBy(tip, baseCommit);
            if (ahead == 0 || !IsPending(session, tip, baseCommit))
            {
                continue;
            }

            var target = trailers.GetValueOrDefault(CommitTrailers.Target) ?? "/";
            var pending = ObjectRef.TryParse(target, ObjectRefForms.Namespaced, out var reference)
                ? new PendingProposal(name, tip.Id, ahead, reference.Namespace ?? string.Empty, reference.Name, id)
                : new PendingProposal(name, tip.Id, ahead, string.Empty, target, id);
            result.Add(pending with { DependsOn = trailers.GetValueOrDefault(CommitTrailers.DependsOn) });
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// The proposal branch (local, or the remote's as last fetched) one of whose own commits carries
    /// <paramref name="proposalId"/> in its <c>Traefik-Proposal-Id</c> trailer, or null.
    /// </summary>
    public string? FindProposalBranch(GitSession session, string proposalId)
    {
        foreach (var mode in new[] { DeliveryMode.Branch, DeliveryMode.PullRequest })
        {
            if (mode == DeliveryMode.PullRequest && !session.HasRemote(context.RemoteName))
            {
                continue;
            }

            var survey = Survey(session, mode, fetch: false);
            foreach (var branch in survey.ProposalBranches())
            {
                // Only the branch's own commits: one that builds on another proposal also holds that one's commits.
                var tip = session.ResolveCommit(survey.Prefix + branch)!;
                var target = CommitTrailers.Parse(tip.Message).GetValueOrDefault(CommitTrailers.Target);
                if (session.CommitsBetween(tip, survey.BaseCommit, GitOpsRepository.MaxProposalCommits)
                    .Select(c => CommitTrailers.Parse(c.Message))
                    .Any(t => t.GetValueOrDefault(CommitTrailers.Target) == target && t.GetValueOrDefault(CommitTrailers.ProposalId) == proposalId))
                {
                    return branch;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// A branch ahead of the base is pending unless its changes are already in the base (it was squash-merged
    /// or rebased in and the branch was kept).
    /// </summary>
    private static bool IsPending(GitSession session, GitCommit tip, GitCommit? baseCommit) =>
        baseCommit is null || !session.ChangesContainedIn(tip, baseCommit);

    /// <summary>
    /// The state a plan for <paramref name="branch"/> starts from: the base, or the proposal branch while it is
    /// pending (rebuilt on the current base first when the base moved). A branch whose changes are merged, or
    /// cancel out, is replaced by a new one from the base. A branch that cannot follow its base stops the plan
    /// with the reason and both versions of what conflicts.
    /// </summary>
    private ResolvedBasis BranchBasis(BranchSurvey survey, string? branch, bool conflictStops)
    {
        var baseCommit = survey.BaseCommit;
        var view = branch is null ? null : survey.Of(branch);
        if (view?.Status == BranchStatus.Conflict && conflictStops)
        {
            throw new GitOpsException(view.Message!);
        }

        if (view?.Status == BranchStatus.Frozen && view.Message is { } frozen)
        {
            context.Log(frozen + " Planning on its tip.");
        }

        var pending = view?.IsPending == true;
        var from = pending ? view!.EffectiveTip : baseCommit;
        return new ResolvedBasis(new PlanBasis(
            new ProposalBasis
            {
                Mode = survey.Mode,
                BaseBranch = context.BaseBranch,
                BaseCommit = baseCommit?.Id,
                Commit = from?.Id,
                IsPendingBranch = pending,
                DependsOn = pending ? view!.DependsOn : null,
                Identity = PlanBasis.IdentityOf(from?.Id),
            },
            states.At(survey.Session, from)))
        {
            LocalBranchTip = survey.Mode == DeliveryMode.PullRequest ? null : view?.Tip?.Id,
            ReplacedBranchTip = view is not null && (view.Status is BranchStatus.Merged or BranchStatus.Empty || view.MustMove) ? view.Tip?.Id : null,
            Fork = pending ? view!.Fork?.Id : baseCommit?.Id,
            BranchTip = view?.Tip?.Id,
            Publish = pending && branch is not null ? [.. survey.Chain(branch).Where(v => v.MustMove)] : [],
            Survey = survey,
        };
    }

    private ResolvedBasis WorktreeBasis(GitSession session)
    {
        if (session.IsBare || session.WorkingDirectory is null)
        {
            throw new GitOpsException("Working-tree delivery needs a working tree; this repository is bare. Use branch or pull request delivery.");
        }

        var (head, state, overlay, unreadable) = states.WorkingTree(session);
        var baseCommit = session.ResolveCommit("refs/heads/" + context.BaseBranch);
        var identity = PlanBasis.IdentityOf(head?.Id) + (overlay.Count == 0 && unreadable.Count == 0
            ? string.Empty
            : ":" + ShortHash.Of(string.Join("\n", overlay.Select(o => o.Key + "=" + (o.Value is null ? "deleted" : ShortHash.Of(o.Value.Text, 16))).Concat(unreadable.Select(u => u.Key + "=unreadable"))), 16));
        return new ResolvedBasis(new PlanBasis(
            new ProposalBasis
            {
                Mode = DeliveryMode.Worktree,
                BaseBranch = context.BaseBranch,
                BaseCommit = baseCommit?.Id,
                Commit = head?.Id,
                IsPendingBranch = false,
                Identity = identity,
            },
            state,
            overlay));
    }
}
