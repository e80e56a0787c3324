using Traefik.GitOps.Git;
using Traefik.GitOps.Tests.Support;

namespace Traefik.GitOps.Tests.Git;

public sealed class PushLeaseTests
{
    [Fact]
    public void Push_RemoteBranchWhereTheLeaseExpects_ForcesIt()
    {
        using var repo = new TempRepository();
        var first = repo.Commit("one", ("a.txt", "1\n"));
        var second = repo.Commit("two", ("a.txt", "2\n"));
        repo.Git("push", "-q", "origin", "HEAD:refs/heads/feature");
        repo.Git("push", "-q", "-f", "origin", first + ":refs/heads/main");
        using var session = GitSession.Open(repo.Work);

        var rejection = session.Push("origin", $"+{first}:refs/heads/feature", null, new PushLease("refs/heads/feature", second));

        Assert.Null(rejection);
        Assert.Equal(first, repo.RemoteBranch("feature"));
    }

    [Fact]
    public void Push_RemoteBranchMovedSinceRead_PushesNothing()
    {
        using var repo = new TempRepository();
        var first = repo.Commit("one", ("a.txt", "1\n"));
        var second = repo.Commit("two", ("a.txt", "2\n"));
        repo.Git("push", "-q", "origin", "HEAD:refs/heads/feature");
        using var session = GitSession.Open(repo.Work);

        var moved = session.Push("origin", $"+{first}:refs/heads/feature", null, new PushLease("refs/heads/feature", first));
        var created = session.Push("origin", $"+{first}:refs/heads/feature", null, new PushLease("refs/heads/feature", null));

        Assert.Equal($"stale info: refs/heads/feature is at {second} on the remote, not {first} as last fetched", moved);
        Assert.Equal($"stale info: refs/heads/feature is at {second} on the remote, not nothing as last fetched", created);
        Assert.Equal(second, repo.RemoteBranch("feature"));
    }

    [Fact]
    public void Push_DeleteWithLease_DeletesOnlyWhatWasRead()
    {
        using var repo = new TempRepository();
        var first = repo.Commit("one", ("a.txt", "1\n"));
        repo.Git("push", "-q", "origin", "HEAD:refs/heads/feature");
        using var session = GitSession.Open(repo.Work);

        Assert.NotNull(session.Push("origin", ":refs/heads/feature", null, new PushLease("refs/heads/feature", new string('0', 39) + "1")));
        Assert.True(repo.RemoteHasBranch("feature"));
        Assert.Null(session.Push("origin", ":refs/heads/feature", null, new PushLease("refs/heads/feature", first)));
        Assert.False(repo.RemoteHasBranch("feature"));
    }
}
