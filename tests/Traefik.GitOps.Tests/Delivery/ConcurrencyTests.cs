using Traefik.GitOps.Delivery;
using Traefik.GitOps.Tests.Support;

namespace Traefik.GitOps.Tests.Delivery;

public sealed class ConcurrencyTests
{
    private const string Branch = "traefik/prod/api-wrr";

    [Fact]
    public async Task ProposeAsync_TwoWritersOnOneRepository_BothLandStacked()
    {
        using var repo = Repositories.WithRoute();
        var first = Repositories.Open(repo);
        var second = Repositories.Open(repo);
        using var start = new Barrier(2);

        var results = await Task.WhenAll(
            Task.Run(() =>
            {
                start.SignalAndWait();
                return first.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.Branch);
            }),
            Task.Run(() =>
            {
                start.SignalAndWait();
                return second.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-stable", 80)), DeliveryMode.Branch);
            }));

        Assert.All(results, r => Assert.Equal(DeliveryOutcome.Committed, r.Outcome));
        Assert.Equal("2\n", repo.Git("rev-list", "--count", "main.." + Branch));
        Assert.Equal(
            Samples.WeightedService.Replace("weight: 90", "weight: 80").Replace("weight: 10", "weight: 20"),
            repo.Git("show", $"{Branch}:traefik/prod/api-wrr.yaml"));
    }

    [Fact]
    public async Task ProposeAsync_TwoClonesPushingTheSameProposalBranchToAServer_BothLandStacked()
    {
        using var repo = Repositories.WithRoute();
        using var daemon = new GitDaemon(repo.Folder);
        var otherPath = repo.CloneAgain("other");
        repo.Git("remote", "set-url", "origin", daemon.UrlFor("remote.git"));
        TempRepository.Run(otherPath, "remote", "set-url", "origin", daemon.UrlFor("remote.git"));
        var mine = Repositories.Open(repo);
        var theirs = GitOpsRepository.Open(new GitOpsOptions { RepositoryPath = otherPath }, FixedTime.Default);
        using var start = new Barrier(2);

        var results = await Task.WhenAll(
            Task.Run(() =>
            {
                start.SignalAndWait();
                return mine.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.PullRequest);
            }),
            Task.Run(() =>
            {
                start.SignalAndWait();
                return theirs.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-stable", 80)), DeliveryMode.PullRequest);
            }));

        Assert.All(results, r => Assert.Equal(DeliveryOutcome.Pushed, r.Outcome));
        Assert.Equal("2\n", repo.RemoteGit("rev-list", "--count", "main.." + Branch));
        Assert.Equal(
            Samples.WeightedService.Replace("weight: 90", "weight: 80").Replace("weight: 10", "weight: 20"),
            repo.RemoteGit("show", $"{Branch}:traefik/prod/api-wrr.yaml"));
    }

    [Fact]
    public async Task ProposeAsync_LockFileHeldByAnotherProcess_WaitsThenGivesUpWithoutWriting()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo, new GitOpsOptions { LockTimeout = TimeSpan.FromMilliseconds(300) });
        var lockPath = Path.Combine(repo.Work, ".git", "traefik-gitops.lock");

        using (new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var error = await Assert.ThrowsAsync<GitOpsException>(() => git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.Branch));

            Assert.Equal($"Another process holds the lock file {lockPath} and has kept it for more than 300 ms. Wait for it to finish; the lock is released when that process ends.", error.Message);
            Assert.Equal("main\n", repo.Git("branch", "--format=%(refname:short)"));
        }

        var result = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.Branch);
        Assert.Equal(DeliveryOutcome.Committed, result.Outcome);
    }
}
