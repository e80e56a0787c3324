using System.Collections.Immutable;
using Traefik.GitOps.Branches;
using Traefik.GitOps.Delivery;
using Traefik.GitOps.Git;
using Traefik.GitOps.Proposals;
using Traefik.GitOps.PullRequests;
using Traefik.GitOps.State;

namespace Traefik.GitOps.Refresh;

/// <summary>
/// Brings the pending proposals of a delivery up to date with the current base, dependencies first: moves each
/// rebuilt branch (the local reference, or the remote's with a lease) and updates its pull request, deletes merged
/// and empty branches and closes their pull requests, and leaves a branch that cannot follow as it was, saying why.
/// </summary>
/// <remarks>The caller holds the writer lock.</remarks>
internal sealed class ProposalRefresher(
    GitOpsContext context,
    SessionPool sessions,
    BasisResolver resolver,
    StateReader states,
    RemoteBranches remote,
    PullRequestClient pullRequests)
{
    /// <summary>Refreshes every pending proposal of <paramref name="mode"/> (branch or pull request).</summary>
    public async Task<RefreshResult> RefreshAsync(DeliveryMode mode, CancellationToken cancellationToken)
    {
        var (results, baseCommit) = await RefreshAsync(mode, null, cancellationToken).ConfigureAwait(false);
        var counts = results.GroupBy(r => r.Outcome).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Words(g.Key)}");
        return new RefreshResult
        {
            Mode = mode,
            BaseBranch = context.BaseBranch,
            BaseCommit = baseCommit,
            Proposals = results,
            Message = results.IsEmpty
                ? $"No pending proposals on {(mode == DeliveryMode.PullRequest ? context.RemoteName : "local")} branches."
                : $"{results.Count} pending proposal(s) checked against {context.BaseBranch} ({GitCommit.Abbreviate(baseCommit)}): {string.Join(", ", counts)}.",
        };
    }

    /// <summary>Refreshes the proposal branches of a delivery (all, or <paramref name="only"/>), dependencies first.</summary>
    public async Task<(ImmutableList<ProposalRefresh> Results, string? BaseCommit)> RefreshAsync(DeliveryMode mode, IReadOnlyCollection<string>? only, CancellationToken cancellationToken)
    {
        var results = new List<ProposalRefresh>();
        var updates = new List<(int Index, Proposal Last)>();
        var closes = new List<(int Index, string Comment)>();
        string? baseSha;
        using (var session = sessions.Open())
        {
            var survey = resolver.Survey(session, mode);
            DeliveryVerdicts.ThrowIfUnreadable(states.At(session, survey.BaseCommit));
            baseSha = survey.BaseCommit?.Id;
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
                    OldCommit = view.Tip?.Id,
                    NewCommit = view.Tip?.Id,
                    Message = $"{branch} is up to date with {(view.DependsOn is null ? context.BaseBranch : "the pending proposal " + view.DependsOn)}.",
                };
                switch (view.Status)
                {
                    case BranchStatus.Merged or BranchStatus.Empty:
                        var merged = view.Status == BranchStatus.Merged;
                        var reason = merged ? $"its changes are in {context.BaseBranch}" : "its changes cancel out or are already in " + context.BaseBranch;
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
                            ? $"The changes of this pull request are in {context.BaseBranch}, so its branch was deleted by traefik-mcp refresh."
                            : $"The changes of this pull request cancel out or are already in {context.BaseBranch}: nothing is left to merge, so its branch was deleted by traefik-mcp refresh."));
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
                            NewCommit = view.EffectiveTip!.Id,
                            Diff = session.TreePatch(session.TreeOf(view.Fork), view.EffectiveTip.TreeId),
                            Message = $"{branch} was rebuilt on the current {(view.DependsOn is null ? context.BaseBranch : "pending proposal " + view.DependsOn)}: {GitCommit.Abbreviate(view.Tip?.Id)} -> {GitCommit.Abbreviate(view.EffectiveTip.Id)}, {view.Own.Count} change(s) planned again.",
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

                context.Log(result.Message.Split('\n')[0]);
                results.Add(result);
            }
        }

        if (mode == DeliveryMode.PullRequest)
        {
            foreach (var (index, last) in updates)
            {
                results[index] = results[index] with { PullRequest = await pullRequests.UpdateAfterRebuildAsync(results[index].Branch, last, cancellationToken).ConfigureAwait(false) };
            }

            foreach (var (index, comment) in closes)
            {
                results[index] = results[index] with { PullRequest = await pullRequests.CloseAsync(results[index].Branch, comment, cancellationToken).ConfigureAwait(false) };
            }
        }

        return ([.. results], baseSha);
    }

    /// <summary>A refresh outcome in words, for messages.</summary>
    public static string Words(RefreshOutcome outcome) => outcome switch
    {
        RefreshOutcome.UpToDate => "up to date",
        RefreshOutcome.Rebuilt => "rebuilt",
        RefreshOutcome.ClosedMerged => "closed (merged)",
        RefreshOutcome.ClosedEmpty => "closed (nothing left to merge)",
        RefreshOutcome.Conflict => "in conflict (left as they were)",
        _ => "not rebuilt (left as they were)",
    };

    /// <summary>Deletes a merged or empty proposal branch (the remote's with a lease, and its local copy when it holds nothing else); false when the remote branch moved.</summary>
    private bool CloseBranch(GitSession session, BranchSurvey survey, BranchView view)
    {
        if (survey.Mode == DeliveryMode.PullRequest)
        {
            if (remote.Delete(session, view.Branch, view.Tip!.Id) is { } rejection)
            {
                context.Log($"{view.Branch}: not deleted on {context.RemoteName}: {rejection}");
                return false;
            }

            remote.DeleteLocalCopy(session, view.Branch, view.Tip.Id, survey.BaseCommit);
            return true;
        }

        if (session.CheckedOutBranches().Contains("refs/heads/" + view.Branch))
        {
            context.Log($"{view.Branch} is checked out; left as it is");
            return false;
        }

        session.DeleteReference("refs/heads/" + view.Branch, view.Tip!.Id);
        return true;
    }

    /// <summary>Moves a rebuilt branch to its new tip: the local reference, or the remote's with a lease; false (with the reason) when it moved meanwhile.</summary>
    private bool MoveBranch(GitSession session, BranchSurvey survey, BranchView view, out string? problem)
    {
        problem = null;
        if (survey.Mode == DeliveryMode.PullRequest)
        {
            if (remote.Push(session, view.Branch, view.EffectiveTip!.Id, view.Tip?.Id) is { } rejection)
            {
                problem = $"{view.Branch} was rebuilt, but {context.RemoteName} refused it ({rejection}); it was left as it was. Refresh again.";
                return false;
            }

            remote.AfterPush(session, view.Branch, view.EffectiveTip.Id, view.Tip?.Id);
            return true;
        }

        var reference = "refs/heads/" + view.Branch;
        if (session.CheckedOutBranches().Contains(reference))
        {
            problem = $"{view.Branch} is checked out, so it was not rebuilt; check out another branch and refresh again.";
            return false;
        }

        session.SetReference(reference, view.EffectiveTip!.Id, view.Tip?.Id, "traefik-gitops: rebuilt on the current base");
        return true;
    }
}
