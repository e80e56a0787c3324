using System.Collections.Immutable;
using Traefik.GitOps.Git;
using Traefik.GitOps.PullRequests;
using Traefik.GitOps.State;

namespace Traefik.GitOps.Refresh;

/// <summary>
/// Discards a proposal: deletes its branch locally and on the remote (with a lease: a branch that moved since the
/// fetch is left alone), closes its pull request with a comment, and refreshes the proposals that built on it, which
/// are rebuilt on the base or left as they were with the reason.
/// </summary>
/// <remarks>The caller holds the writer lock.</remarks>
internal sealed class ProposalDiscarder(
    GitOpsContext context,
    SessionPool sessions,
    BasisResolver resolver,
    RemoteBranches remote,
    PullRequestClient pullRequests,
    ProposalRefresher refresher)
{
    /// <summary>Throws unless <paramref name="branch"/> could name a proposal branch (a valid branch name, not the base).</summary>
    public void ThrowIfNotProposalBranch(string branch)
    {
        if (!GitSession.IsValidBranchName(branch) || branch == context.BaseBranch)
        {
            throw new GitOpsException($"'{branch}' is not a proposal branch: give a proposal id, or the namespace and route of a pending proposal.");
        }
    }

    /// <inheritdoc cref="GitOpsRepository.DiscardAsync"/>
    public async Task<DiscardResult> DiscardAsync(string branch, CancellationToken cancellationToken)
    {
        var remoteName = context.RemoteName;
        string? localTip;
        string? remoteTip;
        var dependents = new Dictionary<DeliveryMode, List<string>>();
        var closeRemote = false;
        using (var session = sessions.Open())
        {
            var hasRemote = session.HasRemote(remoteName);
            if (hasRemote)
            {
                resolver.Fetch(session);
            }

            var local = session.ResolveCommit("refs/heads/" + branch);
            var pushed = hasRemote ? session.ResolveCommit($"refs/remotes/{remoteName}/{branch}") : null;
            if (local is null && pushed is null)
            {
                throw new GitOpsException($"There is no proposal branch {branch}{(hasRemote ? $", locally or on {remoteName}" : string.Empty)}: nothing to discard.");
            }

            foreach (var tip in new[] { local, pushed }.OfType<GitCommit>())
            {
                if (!CommitTrailers.Parse(tip.Message).ContainsKey(CommitTrailers.ProposalId))
                {
                    throw new GitOpsException($"{branch} (at {tip.ShortId}: {tip.Subject}) was not made by this tool, so it is not discarded. Delete it yourself if you mean to.");
                }
            }

            if (local is not null && session.CheckedOutBranches().Contains("refs/heads/" + branch))
            {
                throw new GitOpsException($"{branch} is checked out, so it was not discarded. Check out another branch first.");
            }

            // Proposals on the remote are refreshed there (which moves their local copies too); local-only ones locally.
            foreach (var mode in hasRemote ? new[] { DeliveryMode.PullRequest, DeliveryMode.Branch } : [DeliveryMode.Branch])
            {
                var survey = resolver.Survey(session, mode, fetch: false);
                var seen = dependents.Values.SelectMany(v => v).ToHashSet(StringComparer.Ordinal);
                dependents[mode] = [.. survey.ProposalBranches().Where(b => b != branch && !seen.Contains(b) && CommitTrailers.Parse(session.ResolveCommit(survey.Prefix + b)!.Message).GetValueOrDefault(CommitTrailers.DependsOn) == branch)];
            }

            remoteTip = pushed?.Id;
            localTip = local?.Id;
            if (pushed is not null && remote.Delete(session, branch, pushed.Id) is { } rejection)
            {
                throw new GitOpsException(context.Redactor.Redact($"{remoteName} refused to delete {branch}: {rejection}. Nothing was discarded; fetch and try again."));
            }

            if (local is not null)
            {
                session.DeleteReference("refs/heads/" + branch, local.Id);
                context.Log($"deleted the local branch {branch}");
            }

            closeRemote = hasRemote;
        }

        var pullRequest = closeRemote && pullRequests.IsConfigured
            ? await pullRequests.CloseAsync(branch, "Discarded with traefik_discard_proposal: this change will not be made.", cancellationToken).ConfigureAwait(false)
            : null;
        var rebuilt = ImmutableList.CreateBuilder<ProposalRefresh>();
        foreach (var (mode, names) in dependents.Where(d => d.Value.Count > 0))
        {
            var (results, _) = await refresher.RefreshAsync(mode, names, cancellationToken).ConfigureAwait(false);
            rebuilt.AddRange(results.Where(r => names.Contains(r.Branch)));
        }

        var deleted = new[] { localTip is null ? null : $"locally ({localTip[..7]})", remoteTip is null ? null : $"on {remoteName} ({remoteTip[..7]})" }.OfType<string>();
        return new DiscardResult
        {
            Branch = branch,
            DeletedLocalCommit = localTip,
            DeletedRemoteCommit = remoteTip,
            PullRequest = pullRequest,
            Dependents = rebuilt.ToImmutable(),
            Message = $"Discarded {branch}: deleted it {string.Join(" and ", deleted)}"
                + (pullRequest is null ? string.Empty : $", closed pull request #{pullRequest.Number}")
                + (rebuilt.Count == 0 ? "." : $"; {rebuilt.Count} proposal(s) that built on it: {string.Join("; ", rebuilt.Select(r => $"{r.Branch} {ProposalRefresher.Words(r.Outcome)}"))}."),
        };
    }
}
