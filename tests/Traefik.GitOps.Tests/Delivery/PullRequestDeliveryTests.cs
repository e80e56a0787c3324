using Traefik.GitOps.Delivery;
using Traefik.GitOps.Tests.Support;

namespace Traefik.GitOps.Tests.Delivery;

public sealed class PullRequestDeliveryTests
{
    private const string Branch = "traefik/prod/api-wrr";

    [Fact]
    public async Task ProposeAsync_NoProvider_PushesTheBranchOnly()
    {
        using var repo = Repositories.WithRoute();
        repo.Write("traefik/prod/api-route.yaml", Samples.Route.Replace("websecure", "web"));
        repo.Write("notes.txt", "staged\n");
        repo.Git("add", "notes.txt");
        var before = repo.CheckoutState();
        var git = Repositories.Open(repo);

        var result = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.PullRequest);

        Assert.Equal(DeliveryOutcome.Pushed, result.Outcome);
        Assert.Null(result.PullRequest);
        Assert.Equal(1, result.PushAttempts);
        Assert.Equal(result.Commit, repo.RemoteBranch(Branch));
        Assert.Equal(result.Commit, repo.Git("rev-parse", Branch).Trim());
        Assert.Equal($"Pushed {result.Commit![..7]} to origin/{Branch}; open a pull request from {Branch} into main.", result.Message);
        Assert.Equal(before, repo.CheckoutState());
        Assert.Equal(result.Proposal.Diff, repo.RemoteGit("diff", "main", Branch));
    }

    [Fact]
    public async Task ProposeAsync_NoOp_PushesNothing()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo);

        var result = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 10)), DeliveryMode.PullRequest);

        Assert.Equal(DeliveryOutcome.NoChanges, result.Outcome);
        Assert.Equal(0, result.PushAttempts);
        Assert.False(repo.RemoteHasBranch(Branch));
    }

    [Fact]
    public async Task ProposeAsync_PendingRemoteBranch_StacksOnIt()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo);
        var first = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.PullRequest);
        repo.Git("branch", "-q", "-D", Branch);

        var second = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-stable", 80)), DeliveryMode.PullRequest);

        Assert.True(second.Proposal.Basis.IsPendingBranch);
        Assert.Equal(first.Commit, repo.RemoteGit("rev-parse", Branch + "^").Trim());
        Assert.Equal(Samples.WeightedService.Replace("weight: 90", "weight: 80").Replace("weight: 10", "weight: 20"), repo.RemoteGit("show", $"{Branch}:traefik/prod/api-wrr.yaml"));
    }

    [Fact]
    public async Task ProposeAsync_BranchSquashMergedButKept_StartsAgainFromBaseAndReplacesIt()
    {
        using var repo = Repositories.WithRoute();
        var lines = new List<string>();
        var git = Repositories.Open(repo, new GitOpsOptions { Log = lines.Add });
        var first = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.PullRequest);
        var other = repo.CloneAgain("other");
        TempRepository.Run(other, "merge", "-q", "--squash", "origin/" + Branch);
        TempRepository.Run(other, "commit", "-qm", "Squashed: canary 20");
        TempRepository.Run(other, "push", "-q", "origin", "main");

        var pendingBefore = git.ReadState(DeliveryMode.PullRequest).PendingProposals;
        var second = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 30)), DeliveryMode.PullRequest);

        Assert.Empty(pendingBefore);
        Assert.False(second.Proposal.Basis.IsPendingBranch);
        Assert.Equal(repo.RemoteBranch("main"), repo.RemoteGit("rev-parse", Branch + "^").Trim());
        Assert.Equal(1, second.PushAttempts);
        Assert.Contains($"{Branch} on origin ({first.Commit![..7]}) was already merged into main; replacing it with a branch from main", lines);
        Assert.Equal("1\n", repo.RemoteGit("rev-list", "--count", "main.." + Branch));
    }

    [Fact]
    public async Task DeliverAsync_RemoteMovedBetweenPlanAndPush_PlansAgainOnTheNewTip()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo);
        var proposal = git.Plan(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.PullRequest);
        var other = repo.CloneAgain("other");
        TempRepository.Run(other, "checkout", "-q", "-b", Branch);
        File.WriteAllText(Path.Combine(other, "traefik/prod/api-route.yaml"), Samples.Route.Replace("websecure", "web"));
        TempRepository.Run(other, "commit", "-qam", "someone else's change");
        TempRepository.Run(other, "push", "-q", "origin", Branch);
        var theirs = TempRepository.Run(other, "rev-parse", "HEAD").Trim();

        var result = await git.DeliverAsync(proposal, DeliveryMode.PullRequest);

        Assert.NotEqual(proposal.Id, result.Proposal.Id);
        Assert.True(result.Proposal.Basis.IsPendingBranch);
        Assert.Equal(theirs, repo.RemoteGit("rev-parse", Branch + "^").Trim());
        Assert.Contains("weight: 20", repo.RemoteGit("show", $"{Branch}:traefik/prod/api-wrr.yaml"));
        Assert.Contains("- web\n", repo.RemoteGit("show", $"{Branch}:traefik/prod/api-route.yaml"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ProposeAsync_PushRejectedBecauseRemoteMoved_FetchesPlansAgainAndRetries(bool overGitProtocol)
    {
        using var repo = Repositories.WithRoute();
        using var daemon = overGitProtocol ? new GitDaemon(repo.Folder) : null;
        var other = repo.CloneAgain("other");
        if (daemon is not null)
        {
            repo.Git("remote", "set-url", "origin", daemon.UrlFor("remote.git"));
        }

        var lines = new List<string>();
        var git = Repositories.Open(repo, new GitOpsOptions { Log = lines.Add });
        git.BeforePush = attempt =>
        {
            if (attempt == 1)
            {
                TempRepository.Run(other, "checkout", "-q", "-B", Branch, "origin/main");
                File.WriteAllText(Path.Combine(other, "traefik/prod/api-route.yaml"), Samples.Route.Replace("websecure", "web"));
                TempRepository.Run(other, "commit", "-qam", "someone else's change");
                TempRepository.Run(other, "push", "-q", "origin", Branch);
            }
        };

        var result = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.PullRequest);

        Assert.Equal(2, result.PushAttempts);
        Assert.Equal(TempRepository.Run(other, "rev-parse", "HEAD").Trim(), repo.RemoteGit("rev-parse", Branch + "^").Trim());
        Assert.Equal(result.Commit, repo.RemoteBranch(Branch));
        Assert.Contains($"push of {Branch} rejected: the remote moved; fetching and planning again", lines);
    }

    [Fact]
    public async Task ProposeAsync_RemoteMovedAndIntentNoLongerApplies_ClearErrorAndNothingPushed()
    {
        using var repo = Repositories.WithRoute();
        var other = repo.CloneAgain("other");
        var git = Repositories.Open(repo);
        git.BeforePush = _ =>
        {
            TempRepository.Run(other, "checkout", "-q", "-B", Branch, "origin/main");
            TempRepository.Run(other, "rm", "-q", "traefik/prod/api-wrr.yaml");
            TempRepository.Run(other, "commit", "-qm", "retire the canary");
            TempRepository.Run(other, "push", "-q", "origin", Branch);
        };

        var error = await Assert.ThrowsAsync<GitOpsException>(() => git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.PullRequest));

        var theirs = TempRepository.Run(other, "rev-parse", "HEAD").Trim();
        Assert.Equal(
            $"The remote branch {Branch} moved while this change was being delivered (now at {theirs[..7]}), and the change no longer applies there: TraefikService prod/api-wrr does not exist. Nothing was pushed.",
            error.Message);
        Assert.Equal(theirs, repo.RemoteBranch(Branch));
    }

    [Fact]
    public async Task ProposeAsync_DirectPushToBaseBranch_RetriesWhenBaseMoved()
    {
        using var repo = Repositories.WithRoute();
        repo.Git("checkout", "-q", "--detach");
        var other = repo.CloneAgain("other");
        var git = Repositories.Open(repo, new GitOpsOptions { Templates = new GitOpsTemplates { BranchName = "main" } });
        git.BeforePush = attempt =>
        {
            if (attempt == 1)
            {
                File.WriteAllText(Path.Combine(other, "README.md"), "moved\n");
                TempRepository.Run(other, "add", "README.md");
                TempRepository.Run(other, "commit", "-qm", "unrelated");
                TempRepository.Run(other, "push", "-q", "origin", "main");
            }
        };

        var result = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.PullRequest);

        Assert.Equal(DeliveryOutcome.Pushed, result.Outcome);
        Assert.Equal(2, result.PushAttempts);
        Assert.Equal($"Pushed {result.Commit![..7]} to origin/main.", result.Message);
        Assert.Equal(TempRepository.Run(other, "rev-parse", "HEAD").Trim(), repo.RemoteGit("rev-parse", "main^").Trim());
    }

    [Fact]
    public async Task ProposeAsync_RemoteKeepsMoving_GivesUpAfterRetries()
    {
        using var repo = Repositories.WithRoute();
        var other = repo.CloneAgain("other");
        TempRepository.Run(other, "checkout", "-q", "-b", Branch);
        var git = Repositories.Open(repo, new GitOpsOptions { PushRetries = 1 });
        git.BeforePush = attempt =>
        {
            File.WriteAllText(Path.Combine(other, "README-" + attempt + ".md"), "x\n");
            TempRepository.Run(other, "add", "-A");
            TempRepository.Run(other, "commit", "-qm", "move " + attempt);
            TempRepository.Run(other, "push", "-q", "origin", Branch);
        };

        var error = await Assert.ThrowsAsync<GitOpsException>(() => git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.PullRequest));

        Assert.Equal($"The push of {Branch} to origin was rejected 2 times because the remote branch kept moving. Nothing was pushed; deliver the change again.", error.Message);
        Assert.Equal(TempRepository.Run(other, "rev-parse", "HEAD").Trim(), repo.RemoteBranch(Branch));
    }

    [Fact]
    public async Task ProposeAsync_PushFails_KeepsTheLocalCommitAndSaysHowToRetry()
    {
        using var repo = Repositories.WithRoute();
        var moved = repo.Remote + ".away";
        var git = Repositories.Open(repo);
        git.BeforePush = _ => Directory.Move(repo.Remote, moved);

        var error = await Assert.ThrowsAsync<GitOpsException>(() => git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.PullRequest));

        var local = repo.Git("rev-parse", Branch).Trim();
        Assert.StartsWith($"Pushing {Branch} to origin failed: ", error.Message);
        Assert.EndsWith($". The commit {local[..7]} is kept on the local branch {Branch}; retry with `git push origin {Branch}`, or deliver the change again.", error.Message);
        Directory.Move(moved, repo.Remote);
        repo.Git("push", "-q", "origin", Branch);
        Assert.Equal(local, repo.RemoteBranch(Branch));
        Assert.Contains("weight: 20", repo.RemoteGit("show", $"{Branch}:traefik/prod/api-wrr.yaml"));
    }

    [Fact]
    public async Task ProposeAsync_PushFailsAndLocalBranchHasItsOwnCommits_KeepsTheCommitBesideIt()
    {
        using var repo = Repositories.WithRoute();
        repo.Git("checkout", "-q", "-b", Branch);
        repo.Commit("my own experiment", ("notes.md", "mine\n"));
        repo.Git("checkout", "-q", "main");
        var mine = repo.Git("rev-parse", Branch).Trim();
        repo.RemoteGit("branch", "-D", Branch);
        var git = Repositories.Open(repo);
        git.BeforePush = _ => Directory.Move(repo.Remote, repo.Remote + ".away");

        var error = await Assert.ThrowsAsync<GitOpsException>(() => git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.PullRequest));

        Assert.Equal(mine, repo.Git("rev-parse", Branch).Trim());
        var kept = repo.Git("branch", "--list", Branch + "-*", "--format=%(refname:short)").Trim();
        Assert.Matches("^traefik/prod/api-wrr-[0-9a-f]{7}$", kept);
        Assert.EndsWith($"is kept on the local branch {kept}; retry with `git push origin {kept}:{Branch}`, or deliver the change again.", error.Message);
    }
}
