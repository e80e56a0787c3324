using System.Text.RegularExpressions;
using Traefik.GitOps.Branches;
using Traefik.GitOps.Delivery;
using Traefik.GitOps.Git;
using Traefik.GitOps.Intents;
using Traefik.GitOps.Proposals;
using Traefik.GitOps.State;
using Traefik.Manifests.Validation;

namespace Traefik.GitOps.PullRequests;

/// <summary>
/// Pull request delivery: fetches, plans the intent on the remote's state, commits, pushes the proposal branch (and
/// the rebuilt proposals it builds on) with a lease, and opens or updates the pull request. When the remote branch
/// moved meanwhile, it fetches, plans again and retries, up to <see cref="GitOpsOptions.PushRetries"/> times; when
/// the push fails otherwise, the commit is kept on a local branch and the message says how to push it by hand.
/// </summary>
/// <remarks>The caller holds the writer lock.</remarks>
internal sealed partial class PullRequestPublisher(
    GitOpsContext context,
    SessionPool sessions,
    BasisResolver resolver,
    StackingPlanner planner,
    BranchCommitter committer,
    RemoteBranches remote,
    PullRequestClient pullRequests)
{
    /// <summary>Test seam: runs before each push with the attempt number (1 for the first push).</summary>
    public Action<int>? BeforePush { get; set; }

    /// <summary>Delivers <paramref name="intent"/> (as <paramref name="proposal"/> when that is still a plan of the remote's state) as a pull request.</summary>
    /// <param name="proposal">The proposal planned before, or null to plan now.</param>
    /// <param name="intent">The intent.</param>
    /// <param name="branch">The proposal branch.</param>
    /// <param name="reviewedDiff">The diff that was reviewed: when the plan differs, nothing is pushed. Null delivers any plan.</param>
    /// <param name="cancellationToken">Cancels the pull request calls.</param>
    public async Task<DeliveryResult> PublishAsync(Proposal? proposal, ITrafficIntent intent, string branch, string? reviewedDiff, CancellationToken cancellationToken)
    {
        var remoteName = context.RemoteName;
        var attempts = 0;
        var current = proposal;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            GitCommit commit;
            string? baseCommit;
            bool empty;
            IReadOnlyList<BranchView> published;
            using (var session = sessions.Open())
            {
                var resolved = resolver.Resolve(session, DeliveryMode.PullRequest, branch);
                DeliveryVerdicts.ThrowIfUnreadable(resolved.State);
                ResolvedBasis basis;
                try
                {
                    (current, basis) = planner.Current(session, resolved, current, intent, branch);
                }
                catch (Exception e) when (attempts > 0 && e is ManifestException or GitOpsException)
                {
                    throw new GitOpsException(
                        $"The remote branch {(resolved.Public.IsPendingBranch ? branch : context.BaseBranch)} moved while this change was being delivered (now at {GitCommit.Abbreviate(resolved.Public.Commit)}), and the change no longer applies there: {e.Message} Nothing was pushed.",
                        e);
                }

                if (reviewedDiff is not null && current.Diff != reviewedDiff)
                {
                    return DeliveryVerdicts.NotDelivered(context, current, DeliveryMode.PullRequest, branch);
                }

                if (current.IsNoOp)
                {
                    return DeliveryVerdicts.NoChanges(current, DeliveryMode.PullRequest, branch, attempts);
                }

                DeliveryVerdicts.ThrowIfInvalid(current);
                commit = committer.CreateCommit(session, current);
                baseCommit = basis.Public.BaseCommit;
                empty = BranchCommitter.NetEmpty(session, commit, basis);
                published = basis.Publish;
                attempts++;
                string? rejection;
                try
                {
                    context.Log($"push {commit.Id} to {remoteName} {branch} (attempt {attempts})");
                    BeforePush?.Invoke(attempts);
                    rejection = remote.PushDependencies(session, basis.Publish);
                    if (rejection is null && empty)
                    {
                        rejection = remote.Delete(session, branch, basis.BranchTip!);
                    }
                    else if (rejection is null)
                    {
                        if (basis.ReplacedBranchTip is not null && !current.Basis.IsPendingBranch)
                        {
                            context.Log($"{branch} on {remoteName} ({GitCommit.Abbreviate(basis.ReplacedBranchTip)}) was already merged into {context.BaseBranch}; replacing it with a branch from {context.BaseBranch}");
                        }
                        else if (basis.ReplacedBranchTip is not null)
                        {
                            context.Log($"{branch} on {remoteName} ({GitCommit.Abbreviate(basis.ReplacedBranchTip)}) was rebuilt on its current base");
                        }

                        rejection = remote.Push(session, branch, commit.Id, basis.BranchTip);
                    }
                }
                catch (GitFailedException e)
                {
                    var kept = KeepLocal(session, branch, commit, basis, mustKeep: true)!;
                    throw context.Redactor.Wrap(
                        $"Pushing {branch} to {remoteName} failed: {e.Message}{GitOpsContext.AuthenticationHint(context.Options, e)}. The commit {commit.ShortId} is kept on the local branch {kept}; "
                        + $"retry with `git push {remoteName} {PushSpec(kept, branch)}`, or deliver the change again.",
                        e);
                }

                if (rejection is not null)
                {
                    if (!IsMovedRejection(rejection))
                    {
                        var kept = KeepLocal(session, branch, commit, basis, mustKeep: true)!;
                        throw new GitOpsException(context.Redactor.Redact(
                            $"The remote {remoteName} refused {branch}: {rejection}. The commit {commit.ShortId} is kept on the local branch {kept}; retry with `git push {remoteName} {PushSpec(kept, branch)}` once the cause is fixed, or deliver the change again."));
                    }

                    if (attempts > context.Options.PushRetries)
                    {
                        throw new GitOpsException(
                            $"The push of {branch} to {remoteName} was rejected {attempts} times because the remote branch kept moving. Nothing was pushed; deliver the change again.");
                    }

                    context.Log($"push of {branch} rejected: the remote moved; fetching and planning again");
                    continue;
                }

                if (empty)
                {
                    remote.DeleteLocalCopy(session, branch, basis.BranchTip!);
                }
                else
                {
                    KeepLocal(session, branch, commit, basis, mustKeep: false);
                    session.ForceReference($"refs/remotes/{remoteName}/{branch}", commit.Id, "traefik-gitops: pushed");
                }
            }

            foreach (var dependency in published)
            {
                await pullRequests.UpdateAfterRebuildAsync(dependency.Branch, dependency.Last, cancellationToken).ConfigureAwait(false);
            }

            if (empty)
            {
                var closed = await pullRequests.CloseAsync(branch, $"The change '{current.Title}' cancels out what this pull request proposed, so nothing is left to merge; the branch was deleted.", cancellationToken).ConfigureAwait(false);
                return DeliveryVerdicts.Closed(current, DeliveryMode.PullRequest, branch, closed, $"Nothing is left to merge: this change cancels out what {branch} proposed, so the branch was deleted from {remoteName}{(closed is null ? string.Empty : $" and pull request #{closed.Number} closed")}.");
            }

            return await OpenPullRequestAsync(current, branch, commit, baseCommit, attempts, cancellationToken).ConfigureAwait(false);
        }
    }

    [GeneratedRegex(@"\block(ed)?\b|\.lock\b", RegexOptions.IgnoreCase)]
    private static partial Regex LockContention();

    /// <summary>
    /// True when the remote refused because its branch moved (or was being moved or created by another writer at
    /// that moment: the remote could not lock it, or found it already created), which a fetch and a re-plan can fix.
    /// </summary>
    private static bool IsMovedRejection(string rejection) =>
        rejection.Contains("non-fast-forward", StringComparison.OrdinalIgnoreCase)
        || LockContention().IsMatch(rejection)
        || rejection.Contains("failed to update ref", StringComparison.OrdinalIgnoreCase)
        || rejection.Contains("reference with that name already exists", StringComparison.OrdinalIgnoreCase)
        || rejection.Contains("fetch first", StringComparison.OrdinalIgnoreCase)
        || rejection.Contains("stale", StringComparison.OrdinalIgnoreCase)
        || rejection.Contains("not present locally", StringComparison.OrdinalIgnoreCase);

    private static string PushSpec(string local, string remote) => local == remote ? local : local + ":" + remote;

    private async Task<DeliveryResult> OpenPullRequestAsync(Proposal proposal, string branch, GitCommit commit, string? baseCommit, int attempts, CancellationToken cancellationToken)
    {
        var pullRequest = branch == context.BaseBranch ? null : await pullRequests.OpenOrUpdateAsync(proposal, branch, commit.Id, baseCommit, cancellationToken).ConfigureAwait(false);
        var outcome = pullRequest is null ? DeliveryOutcome.Pushed : pullRequest.Created ? DeliveryOutcome.PullRequestOpened : DeliveryOutcome.PullRequestUpdated;
        var message = pullRequest is null
            ? $"Pushed {commit.ShortId} to {context.RemoteName}/{branch}{(branch == context.BaseBranch ? string.Empty : $"; open a pull request from {branch} into {context.BaseBranch}")}."
            : $"Pushed {commit.ShortId} to {context.RemoteName}/{branch} and {(pullRequest.Created ? "opened" : "updated")} pull request #{pullRequest.Number}{(pullRequest.Url is null ? string.Empty : " " + pullRequest.Url)}.";
        if (proposal.Basis.DependsOn is { } dependency)
        {
            message += $" It builds on the pending proposal {dependency} and carries that change too, so either can be merged first.";
        }

        context.Log(message);
        return new DeliveryResult
        {
            Proposal = proposal,
            Mode = DeliveryMode.PullRequest,
            Outcome = outcome,
            Branch = branch,
            Commit = commit.Id,
            Files = [.. proposal.FileBytes.Keys],
            PullRequest = pullRequest,
            PushAttempts = attempts,
            Message = message,
        };
    }

    /// <summary>
    /// Points the local branch at a pushed (or unpushed) commit when that loses nothing: the branch is not
    /// checked out, and its tip is already in the commit's history, was the remote branch tip this proposal
    /// replaces, or is in the base branch. Otherwise a pushed commit leaves the local branch alone, and an
    /// unpushed one is kept on <c>&lt;branch&gt;-&lt;short id&gt;</c>. Returns the branch holding the commit, or null.
    /// </summary>
    private string? KeepLocal(GitSession session, string branch, GitCommit commit, ResolvedBasis basis, bool mustKeep)
    {
        var reference = "refs/heads/" + branch;
        var current = session.ResolveCommit(reference);
        var safe = !session.CheckedOutBranches().Contains(reference)
            && (current is null
                || session.AheadBy(current, commit) == 0
                || current.Id == basis.ReplacedBranchTip
                || (basis.Public.BaseCommit is { } baseId && session.LookupCommit(baseId) is { } baseCommit && session.AheadBy(current, baseCommit) == 0));
        if (safe)
        {
            session.ForceReference(reference, commit.Id, "traefik-gitops: " + commit.Subject);
            return branch;
        }

        if (!mustKeep)
        {
            context.Log($"local branch {branch} is checked out or has commits of its own; left as it is (the pushed commit is {commit.Id})");
            return null;
        }

        var keep = branch + "-" + commit.ShortId;
        session.ForceReference("refs/heads/" + keep, commit.Id, "traefik-gitops: unpushed " + commit.Subject);
        return keep;
    }
}
