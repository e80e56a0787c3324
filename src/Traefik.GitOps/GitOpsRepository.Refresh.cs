using System.Collections.Immutable;
using LibGit2Sharp;
using Traefik.GitOps.Git;
using Traefik.GitOps.Proposals;
using Traefik.GitOps.PullRequests;
using Traefik.GitOps.Refresh;

namespace Traefik.GitOps;

public sealed partial class GitOpsRepository
{
    /// <summary>
    /// Brings every pending proposal of a delivery up to date with the current base: a branch whose base moved
    /// is rebuilt by planning its recorded intents again, in order, on the current base (or on the current tip of
    /// the pending proposal it builds on, itself refreshed first) and pushed with a lease, and its pull request
    /// updated; a branch merged into the base, or whose changes cancel out, is deleted and its pull request
    /// closed. A branch that cannot follow (its intents no longer apply as they did, or a commit on it has no
    /// recorded intent) is left as it was, and the result says why, with both versions of what conflicts.
    /// </summary>
    /// <param name="mode">
    /// <see cref="DeliveryMode.PullRequest"/> (the remote's branches and their pull requests, after a fetch) or
    /// <see cref="DeliveryMode.Branch"/> (local branches); null means pull requests when that is the default
    /// delivery, else branches.
    /// </param>
    /// <param name="cancellationToken">Cancels waiting for the lock and the pull request calls.</param>
    /// <exception cref="GitOpsException">The mode is not branch or pull request, or git failed.</exception>
    public async Task<RefreshResult> RefreshAsync(DeliveryMode? mode = null, CancellationToken cancellationToken = default)
    {
        var effective = mode ?? (_options.DefaultDelivery == DeliveryMode.PullRequest ? DeliveryMode.PullRequest : DeliveryMode.Branch);
        if (effective is not (DeliveryMode.Branch or DeliveryMode.PullRequest))
        {
            throw new GitOpsException($"Refresh works on proposal branches: use branch (local branches) or pull_request (the remote's), not {effective}.");
        }

        using var writer = await WriterLock.AcquireAsync(GitDirectory, _options.LockTimeout, cancellationToken).ConfigureAwait(false);
        var (results, baseCommit) = await RefreshLockedAsync(effective, null, cancellationToken).ConfigureAwait(false);
        var counts = results.GroupBy(r => r.Outcome).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Words(g.Key)}");
        return new RefreshResult
        {
            Mode = effective,
            BaseBranch = BaseBranch,
            BaseCommit = baseCommit,
            Proposals = results,
            Message = results.IsEmpty
                ? $"No pending proposals on {(effective == DeliveryMode.PullRequest ? _options.RemoteName : "local")} branches."
                : $"{results.Count} pending proposal(s) checked against {BaseBranch} ({Short(baseCommit)}): {string.Join(", ", counts)}.",
        };
    }

    /// <summary>
    /// The proposal branch (local or on the remote) one of whose commits carries <paramref name="proposalId"/> in its
    /// <c>Traefik-Proposal-Id</c> trailer, or null. Reads the remote-tracking branches as last fetched.
    /// </summary>
    /// <param name="proposalId">A proposal id (16 hex digits).</param>
    public string? FindProposalBranch(string proposalId)
    {
        ArgumentNullException.ThrowIfNull(proposalId);
        using var session = OpenSession();
        foreach (var mode in new[] { DeliveryMode.Branch, DeliveryMode.PullRequest })
        {
            if (mode == DeliveryMode.PullRequest && !session.HasRemote(_options.RemoteName))
            {
                continue;
            }

            var survey = SurveyFor(session, mode, fetch: false);
            foreach (var branch in survey.ProposalBranches())
            {
                // Only the branch's own commits: one that builds on another proposal also holds that one's commits.
                var tip = session.ResolveCommit(survey.Prefix + branch)!;
                var target = CommitTrailers.Parse(tip.Message).GetValueOrDefault(CommitTrailers.Target);
                if (session.CommitsBetween(tip, survey.BaseCommit, MaxProposalCommits)
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
    /// Discards a proposal: deletes its branch locally and on the remote (with a lease: a branch that moved since the
    /// fetch is left alone) and closes its pull request with a comment; proposals that built on it are then rebuilt
    /// on the base, or left as they were with the reason when their intents need what was discarded.
    /// </summary>
    /// <param name="branch">The proposal branch (see <see cref="BranchNameFor"/> and <see cref="FindProposalBranch"/>).</param>
    /// <param name="cancellationToken">Cancels waiting for the lock and the pull request calls.</param>
    /// <exception cref="GitOpsException">There is no such proposal branch, it was not made by this library, it is checked out, or git failed.</exception>
    public async Task<DiscardResult> DiscardAsync(string branch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(branch);
        if (!GitSession.IsValidBranchName(branch) || branch == BaseBranch)
        {
            throw new GitOpsException($"'{branch}' is not a proposal branch: give a proposal id, or the namespace and route of a pending proposal.");
        }

        using var writer = await WriterLock.AcquireAsync(GitDirectory, _options.LockTimeout, cancellationToken).ConfigureAwait(false);
        var remote = _options.RemoteName;
        string? localTip;
        string? remoteTip;
        var dependents = new Dictionary<DeliveryMode, List<string>>();
        var closeRemote = false;
        using (var session = OpenSession())
        {
            var hasRemote = session.HasRemote(remote);
            if (hasRemote)
            {
                Fetch(session);
            }

            var local = session.ResolveCommit("refs/heads/" + branch);
            var pushed = hasRemote ? session.ResolveCommit($"refs/remotes/{remote}/{branch}") : null;
            if (local is null && pushed is null)
            {
                throw new GitOpsException($"There is no proposal branch {branch}{(hasRemote ? $", locally or on {remote}" : string.Empty)}: nothing to discard.");
            }

            foreach (var tip in new[] { local, pushed }.OfType<Commit>())
            {
                if (!CommitTrailers.Parse(tip.Message).ContainsKey(CommitTrailers.ProposalId))
                {
                    throw new GitOpsException($"{branch} (at {ShortSha(tip)}: {tip.MessageShort}) was not made by this tool, so it is not discarded. Delete it yourself if you mean to.");
                }
            }

            if (local is not null && session.CheckedOutBranches().Contains("refs/heads/" + branch))
            {
                throw new GitOpsException($"{branch} is checked out, so it was not discarded. Check out another branch first.");
            }

            // Proposals on the remote are refreshed there (which moves their local copies too); local-only ones locally.
            foreach (var mode in hasRemote ? new[] { DeliveryMode.PullRequest, DeliveryMode.Branch } : [DeliveryMode.Branch])
            {
                var survey = SurveyFor(session, mode, fetch: false);
                var seen = dependents.Values.SelectMany(v => v).ToHashSet(StringComparer.Ordinal);
                dependents[mode] = [.. survey.ProposalBranches().Where(b => b != branch && !seen.Contains(b) && CommitTrailers.Parse(session.ResolveCommit(survey.Prefix + b)!.Message).GetValueOrDefault(CommitTrailers.DependsOn) == branch)];
            }

            remoteTip = pushed?.Sha;
            localTip = local?.Sha;
            if (pushed is not null && DeleteRemoteBranch(session, branch, pushed.Sha) is { } rejection)
            {
                throw new GitOpsException(_redactor.Redact($"{remote} refused to delete {branch}: {rejection}. Nothing was discarded; fetch and try again."));
            }

            if (local is not null)
            {
                session.DeleteReference("refs/heads/" + branch, local.Sha);
                Log($"deleted the local branch {branch}");
            }

            closeRemote = hasRemote;
        }

        var pullRequest = closeRemote && (_options.PullRequestProvider != PullRequestProviderKind.None || _pullRequestProvider is not null)
            ? await ClosePullRequestAsync(branch, "Discarded with traefik_discard_proposal: this change will not be made.", cancellationToken).ConfigureAwait(false)
            : null;
        var rebuilt = ImmutableList.CreateBuilder<ProposalRefresh>();
        foreach (var (mode, names) in dependents.Where(d => d.Value.Count > 0))
        {
            var (results, _) = await RefreshLockedAsync(mode, names, cancellationToken).ConfigureAwait(false);
            rebuilt.AddRange(results.Where(r => names.Contains(r.Branch)));
        }

        var deleted = new[] { localTip is null ? null : $"locally ({localTip[..7]})", remoteTip is null ? null : $"on {remote} ({remoteTip[..7]})" }.OfType<string>();
        return new DiscardResult
        {
            Branch = branch,
            DeletedLocalCommit = localTip,
            DeletedRemoteCommit = remoteTip,
            PullRequest = pullRequest,
            Dependents = rebuilt.ToImmutable(),
            Message = $"Discarded {branch}: deleted it {string.Join(" and ", deleted)}"
                + (pullRequest is null ? string.Empty : $", closed pull request #{pullRequest.Number}")
                + (rebuilt.Count == 0 ? "." : $"; {rebuilt.Count} proposal(s) that built on it: {string.Join("; ", rebuilt.Select(r => $"{r.Branch} {Words(r.Outcome)}"))}."),
        };
    }

    private static string Words(RefreshOutcome outcome) => outcome switch
    {
        RefreshOutcome.UpToDate => "up to date",
        RefreshOutcome.Rebuilt => "rebuilt",
        RefreshOutcome.ClosedMerged => "closed (merged)",
        RefreshOutcome.ClosedEmpty => "closed (nothing left to merge)",
        RefreshOutcome.Conflict => "in conflict (left as they were)",
        _ => "not rebuilt (left as they were)",
    };

    /// <summary>Refreshes the proposal branches of a delivery (all, or <paramref name="only"/>), dependencies first; the caller holds the writer lock.</summary>
    private async Task<(ImmutableList<ProposalRefresh> Results, string? BaseCommit)> RefreshLockedAsync(DeliveryMode mode, IReadOnlyCollection<string>? only, CancellationToken cancellationToken)
    {
        var results = new List<ProposalRefresh>();
        var updates = new List<(int Index, Proposal Last)>();
        var closes = new List<(int Index, string Comment)>();
        string? baseSha;
        using (var session = OpenSession())
        {
            var survey = SurveyFor(session, mode);
            ThrowIfUnreadable(StateAt(session, survey.BaseCommit));
            baseSha = survey.BaseCommit?.Sha;
            var branches = survey.ProposalBranches()
                .Where(b => only is null || only.Contains(b))
                .OrderBy(b => survey.Chain(b).Count)
                .ThenBy(b => b, StringComparer.Ordinal)
                .ToList();
            foreach (var branch in branches)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var view = survey.Of(branch);
                var result = new ProposalRefresh
                {
                    Branch = branch,
                    Outcome = RefreshOutcome.UpToDate,
                    Target = view.Target,
                    DependsOn = view.DependsOn,
                    OldCommit = view.Tip?.Sha,
                    NewCommit = view.Tip?.Sha,
                    Message = $"{branch} is up to date with {(view.DependsOn is null ? BaseBranch : "the pending proposal " + view.DependsOn)}.",
                };
                switch (view.Status)
                {
                    case BranchStatus.Merged or BranchStatus.Empty:
                        var merged = view.Status == BranchStatus.Merged;
                        var reason = merged ? $"its changes are in {BaseBranch}" : "its changes cancel out or are already in " + BaseBranch;
                        if (!CloseBranch(session, survey, view))
                        {
                            result = result with { Message = $"{branch}: {reason}, but the branch moved on the remote while it was being deleted; refresh again." };
                            break;
                        }

                        result = result with
                        {
                            Outcome = merged ? RefreshOutcome.ClosedMerged : RefreshOutcome.ClosedEmpty,
                            NewCommit = null,
                            Message = $"{branch}: {reason}, so the branch was deleted.",
                        };
                        closes.Add((results.Count, merged
                            ? $"The changes of this pull request are in {BaseBranch}, so its branch was deleted by traefik-mcp refresh."
                            : $"The changes of this pull request cancel out or are already in {BaseBranch}: nothing is left to merge, so its branch was deleted by traefik-mcp refresh."));
                        break;
                    case BranchStatus.Rebuilt:
                        if (!MoveBranch(session, survey, view, out var problem))
                        {
                            result = result with { Message = problem! };
                            break;
                        }

                        result = result with
                        {
                            Outcome = RefreshOutcome.Rebuilt,
                            NewCommit = view.EffectiveTip!.Sha,
                            Diff = session.TreePatch(view.Fork?.Tree ?? session.EmptyTree(), view.EffectiveTip.Tree),
                            Message = $"{branch} was rebuilt on the current {(view.DependsOn is null ? BaseBranch : "pending proposal " + view.DependsOn)}: {ShortSha(view.Tip)} -> {ShortSha(view.EffectiveTip)}, {view.Own.Count} change(s) planned again.",
                        };
                        if (view.Last is { } last && mode == DeliveryMode.PullRequest)
                        {
                            updates.Add((results.Count, last));
                        }

                        break;
                    case BranchStatus.Conflict:
                        result = result with { Outcome = RefreshOutcome.Conflict, Message = view.Message! };
                        break;
                    case BranchStatus.Frozen when view.Message is not null:
                        result = result with { Outcome = RefreshOutcome.NotRebuilt, Message = view.Message };
                        break;
                }

                Log(result.Message.Split('\n')[0]);
                results.Add(result);
            }
        }

        if (mode == DeliveryMode.PullRequest)
        {
            foreach (var (index, last) in updates)
            {
                results[index] = results[index] with { PullRequest = await UpdatePullRequestAsync(results[index].Branch, last, cancellationToken).ConfigureAwait(false) };
            }

            foreach (var (index, comment) in closes)
            {
                results[index] = results[index] with { PullRequest = await ClosePullRequestAsync(results[index].Branch, comment, cancellationToken).ConfigureAwait(false) };
            }
        }

        return ([.. results], baseSha);
    }

    /// <summary>Deletes a merged or empty proposal branch (the remote's with a lease, and its local copy when it holds nothing else); false when the remote branch moved.</summary>
    private bool CloseBranch(GitSession session, BranchSurvey survey, BranchView view)
    {
        if (survey.Mode == DeliveryMode.PullRequest)
        {
            if (DeleteRemoteBranch(session, view.Branch, view.Tip!.Sha) is { } rejection)
            {
                Log($"{view.Branch}: not deleted on {_options.RemoteName}: {rejection}");
                return false;
            }

            DeleteLocalCopy(session, view.Branch, view.Tip.Sha, survey.BaseCommit);
            return true;
        }

        if (session.CheckedOutBranches().Contains("refs/heads/" + view.Branch))
        {
            Log($"{view.Branch} is checked out; left as it is");
            return false;
        }

        session.DeleteReference("refs/heads/" + view.Branch, view.Tip!.Sha);
        return true;
    }

    /// <summary>Moves a rebuilt branch to its new tip: the local reference, or the remote's with a lease; false (with the reason) when it moved meanwhile.</summary>
    private bool MoveBranch(GitSession session, BranchSurvey survey, BranchView view, out string? problem)
    {
        problem = null;
        if (survey.Mode == DeliveryMode.PullRequest)
        {
            if (PushBranch(session, view.Branch, view.EffectiveTip!.Sha, view.Tip?.Sha) is { } rejection)
            {
                problem = $"{view.Branch} was rebuilt, but {_options.RemoteName} refused it ({rejection}); it was left as it was. Refresh again.";
                return false;
            }

            AfterPush(session, view.Branch, view.EffectiveTip.Sha, view.Tip?.Sha);
            return true;
        }

        var reference = "refs/heads/" + view.Branch;
        if (session.CheckedOutBranches().Contains(reference))
        {
            problem = $"{view.Branch} is checked out, so it was not rebuilt; check out another branch and refresh again.";
            return false;
        }

        session.SetReference(reference, view.EffectiveTip!.Sha, view.Tip?.Sha, "traefik-gitops: rebuilt on the current base");
        return true;
    }
}
