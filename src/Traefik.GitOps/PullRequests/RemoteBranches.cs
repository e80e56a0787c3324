using Traefik.GitOps.Branches;
using Traefik.GitOps.Git;

namespace Traefik.GitOps.PullRequests;

/// <summary>
/// Moves proposal branches on the remote, each push or deletion with a lease (it goes ahead only while the remote
/// branch is where it was last read), and keeps the remote-tracking references and the local copies in step
/// without ever losing a local commit or touching a checked-out branch.
/// </summary>
internal sealed class RemoteBranches(GitOpsContext context)
{
    /// <summary>Pushes the rebuilt proposals a basis builds on (deepest first), each with a lease on its remote tip; the first rejection, or null.</summary>
    public string? PushDependencies(GitSession session, IReadOnlyList<BranchView> dependencies)
    {
        foreach (var dependency in dependencies)
        {
            context.Log($"push {dependency.Branch}, rebuilt on its current base ({GitCommit.Abbreviate(dependency.Tip?.Id)} -> {GitCommit.Abbreviate(dependency.EffectiveTip?.Id)})");
            if (Push(session, dependency.Branch, dependency.EffectiveTip!.Id, dependency.Tip?.Id) is { } rejection)
            {
                return rejection;
            }

            AfterPush(session, dependency.Branch, dependency.EffectiveTip.Id, dependency.Tip?.Id);
        }

        return null;
    }

    /// <summary>Pushes a commit to a remote branch if the branch is still at <paramref name="expected"/> (null: absent); the rejection, or null.</summary>
    /// <exception cref="GitFailedException">The push failed (network, authentication).</exception>
    public string? Push(GitSession session, string branch, string commit, string? expected)
    {
        var pushRef = "refs/traefik-gitops/push/" + branch;
        session.ForceReference(pushRef, commit, "traefik-gitops: push");
        try
        {
            return session.Push(context.RemoteName, $"+{pushRef}:refs/heads/{branch}", context.Credentials(), new PushLease("refs/heads/" + branch, expected));
        }
        finally
        {
            session.DeleteReference(pushRef);
        }
    }

    /// <summary>Records a pushed branch: the remote-tracking reference, and the local branch when moving it loses nothing.</summary>
    public void AfterPush(GitSession session, string branch, string commit, string? replaced)
    {
        session.ForceReference($"refs/remotes/{context.RemoteName}/{branch}", commit, "traefik-gitops: pushed");
        var reference = "refs/heads/" + branch;
        var local = session.ResolveCommit(reference);
        var pushed = session.LookupCommit(commit)!;
        if (!session.CheckedOutBranches().Contains(reference) && (local is null || local.Id == replaced || session.AheadBy(local, pushed) == 0))
        {
            session.ForceReference(reference, commit, "traefik-gitops: pushed");
        }
    }

    /// <summary>Deletes a remote branch if it is still at <paramref name="expected"/>; the rejection, or null.</summary>
    /// <exception cref="GitFailedException">The push failed (network, authentication).</exception>
    public string? Delete(GitSession session, string branch, string expected)
    {
        var rejection = session.Push(context.RemoteName, $":refs/heads/{branch}", context.Credentials(), new PushLease("refs/heads/" + branch, expected));
        if (rejection is null)
        {
            session.DeleteReference($"refs/remotes/{context.RemoteName}/{branch}");
            context.Log($"deleted {branch} on {context.RemoteName}");
        }

        return rejection;
    }

    /// <summary>Deletes the local branch of a deleted remote branch when it holds nothing else (it is the remote tip, or in the base).</summary>
    public bool DeleteLocalCopy(GitSession session, string branch, string? remoteTip, GitCommit? baseCommit = null)
    {
        var reference = "refs/heads/" + branch;
        var local = session.ResolveCommit(reference);
        if (local is null)
        {
            return false;
        }

        if (session.CheckedOutBranches().Contains(reference) || !(local.Id == remoteTip || (baseCommit is not null && session.AheadBy(local, baseCommit) == 0)))
        {
            context.Log($"local branch {branch} is checked out or has commits of its own; left as it is");
            return false;
        }

        session.DeleteReference(reference, local.Id);
        return true;
    }
}
