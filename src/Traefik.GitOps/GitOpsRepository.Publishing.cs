using LibGit2Sharp;
using Traefik.GitOps.Git;
using Traefik.GitOps.Proposals;
using Traefik.GitOps.PullRequests;

namespace Traefik.GitOps;

public sealed partial class GitOpsRepository
{
    /// <summary>Pushes the rebuilt proposals a basis builds on (deepest first), each with a lease on its remote tip; the first rejection, or null.</summary>
    private string? PushDependencies(GitSession session, Basis basis)
    {
        foreach (var dependency in basis.Publish)
        {
            Log($"push {dependency.Branch}, rebuilt on its current base ({ShortSha(dependency.Tip)} -> {ShortSha(dependency.EffectiveTip)})");
            if (PushBranch(session, dependency.Branch, dependency.EffectiveTip!.Sha, dependency.Tip?.Sha) is { } rejection)
            {
                return rejection;
            }

            AfterPush(session, dependency.Branch, dependency.EffectiveTip.Sha, dependency.Tip?.Sha);
        }

        return null;
    }

    /// <summary>Pushes a commit to a remote branch if the branch is still at <paramref name="expected"/> (null: absent); the rejection, or null.</summary>
    private string? PushBranch(GitSession session, string branch, string commit, string? expected)
    {
        var pushRef = "refs/traefik-gitops/push/" + branch;
        session.ForceReference(pushRef, commit, "traefik-gitops: push");
        try
        {
            return session.Push(_options.RemoteName, $"+{pushRef}:refs/heads/{branch}", Credentials(), new PushLease("refs/heads/" + branch, expected));
        }
        finally
        {
            session.DeleteReference(pushRef);
        }
    }

    /// <summary>Records a pushed branch: the remote-tracking reference, and the local branch when moving it loses nothing.</summary>
    private void AfterPush(GitSession session, string branch, string commit, string? replaced)
    {
        session.ForceReference($"refs/remotes/{_options.RemoteName}/{branch}", commit, "traefik-gitops: pushed");
        var reference = "refs/heads/" + branch;
        var local = session.ResolveCommit(reference);
        var pushed = session.LookupCommit(commit)!;
        if (!session.CheckedOutBranches().Contains(reference) && (local is null || local.Sha == replaced || session.AheadBy(local, pushed) == 0))
        {
            session.ForceReference(reference, commit, "traefik-gitops: pushed");
        }
    }

    /// <summary>Deletes a remote branch if it is still at <paramref name="expected"/>; the rejection, or null.</summary>
    private string? DeleteRemoteBranch(GitSession session, string branch, string expected)
    {
        var rejection = session.Push(_options.RemoteName, $":refs/heads/{branch}", Credentials(), new PushLease("refs/heads/" + branch, expected));
        if (rejection is null)
        {
            session.DeleteReference($"refs/remotes/{_options.RemoteName}/{branch}");
            Log($"deleted {branch} on {_options.RemoteName}");
        }

        return rejection;
    }

    /// <summary>Deletes the local branch of a deleted remote branch when it holds nothing else (it is the remote tip, or in the base).</summary>
    private bool DeleteLocalCopy(GitSession session, string branch, string? remoteTip, Commit? baseCommit = null)
    {
        var reference = "refs/heads/" + branch;
        var local = session.ResolveCommit(reference);
        if (local is null)
        {
            return false;
        }

        if (session.CheckedOutBranches().Contains(reference) || !(local.Sha == remoteTip || (baseCommit is not null && session.AheadBy(local, baseCommit) == 0)))
        {
            Log($"local branch {branch} is checked out or has commits of its own; left as it is");
            return false;
        }

        session.DeleteReference(reference, local.Sha);
        return true;
    }

    /// <summary>Updates the pull request of a rebuilt proposal branch (opens it when none is open) with the text of its newest change.</summary>
    private async Task<PullRequestResult?> UpdatePullRequestAsync(string branch, Proposal? last, CancellationToken cancellationToken)
    {
        if (last is null)
        {
            return null;
        }

        string? tip;
        using (var session = OpenSession())
        {
            tip = session.ResolveCommit($"refs/remotes/{_options.RemoteName}/{branch}")?.Sha;
        }

        return tip is null ? null : await OpenOrUpdatePullRequestAsync(last, branch, tip, last.Basis.BaseCommit, cancellationToken).ConfigureAwait(false);
    }

    private Task<PullRequestResult?> ClosePullRequestAsync(string branch, string comment, CancellationToken cancellationToken) =>
        PullRequestProvider().CloseAsync(branch, BaseBranch, _redactor.Redact(comment), cancellationToken);
}
