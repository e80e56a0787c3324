using Traefik.GitOps.Delivery;
using Traefik.GitOps.Tests.Support;
using Traefik.Manifests.Model;

namespace Traefik.GitOps.Tests.Delivery;

public sealed class BranchDeliveryTests
{
    private const string Branch = "traefik/prod/api-wrr";

    [Fact]
    public async Task ProposeAsync_Branch_CommitsWithoutTouchingWorkingTreeIndexOrHead()
    {
        using var repo = Repositories.WithRoute();
        repo.Write("traefik/prod/api-route.yaml", Samples.Route.Replace("websecure", "web"));
        repo.Write("notes.txt", "staged\n");
        repo.Git("add", "notes.txt");
        repo.Write("scratch.txt", "untracked\n");
        var before = repo.CheckoutState();
        var git = Repositories.Open(repo, new GitOpsOptions { Author = new CommitIdentity("Canary Bot", "canary@example.invalid") });

        var result = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.Branch);

        Assert.Equal(before, repo.CheckoutState());
        Assert.Equal(DeliveryOutcome.Committed, result.Outcome);
        Assert.Equal(Branch, result.Branch);
        Assert.Equal(result.Commit, repo.Git("rev-parse", Branch).Trim());
        Assert.Equal(repo.Git("rev-parse", "main"), repo.Git("rev-parse", Branch + "^"));
        Assert.Equal(result.Proposal.Diff, repo.Git("diff", "main", Branch));
        Assert.Equal("Canary Bot|canary@example.invalid|1795348800|Canary Bot\n", repo.Git("log", "-1", "--format=%an|%ae|%at|%cn", Branch));
    }

    [Fact]
    public async Task ProposeAsync_Branch_StacksWhileAheadAndRestartsAfterMerge()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo);

        var first = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.Branch);
        var second = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 30)), DeliveryMode.Branch);
        repo.Git("merge", "-q", "--ff-only", Branch);
        var third = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 40)), DeliveryMode.Branch);

        Assert.False(first.Proposal.Basis.IsPendingBranch);
        Assert.True(second.Proposal.Basis.IsPendingBranch);
        Assert.Equal(first.Commit, second.Proposal.Basis.Commit);
        Assert.Contains("-        weight: 20\n+        weight: 30\n", second.Proposal.Diff);
        Assert.False(third.Proposal.Basis.IsPendingBranch);
        Assert.Equal(repo.Git("rev-parse", "main").Trim(), third.Proposal.Basis.Commit);
        Assert.Equal(second.Commit, third.Proposal.Basis.Commit);
        Assert.Equal(repo.Git("rev-parse", "main"), repo.Git("rev-parse", Branch + "^"));
    }

    [Fact]
    public async Task ProposeAsync_BranchDeleted_StartsFromBase()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo);
        await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.Branch);
        repo.Git("branch", "-q", "-D", Branch);

        var again = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 30)), DeliveryMode.Branch);

        Assert.False(again.Proposal.Basis.IsPendingBranch);
        Assert.Contains("-        weight: 10\n+        weight: 30\n", again.Proposal.Diff);
    }

    [Fact]
    public async Task ProposeAsync_BranchCheckedOut_RefusesAndCommitsNothing()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo, new GitOpsOptions { Templates = new GitOpsTemplates { BranchName = "main" } });
        var head = repo.Git("rev-parse", "HEAD");

        var error = await Assert.ThrowsAsync<GitOpsException>(() => git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.Branch));

        Assert.Equal(
            "The branch main is checked out, and moving it would change that checkout's files and index under it. Nothing was committed. "
            + "Check out another branch, change the branch name template, or use working-tree delivery.",
            error.Message);
        Assert.Equal(head, repo.Git("rev-parse", "HEAD"));
    }

    [Fact]
    public async Task ProposeAsync_BranchReferenceLocked_ThrowsGitOpsExceptionAndCommitsNothing()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo);
        var locked = Path.Combine(repo.Work, ".git", "refs", "heads", "traefik", "prod", "api-wrr.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(locked)!);
        File.WriteAllText(locked, string.Empty);

        var error = await Assert.ThrowsAsync<GitOpsException>(() => git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.Branch));

        Assert.StartsWith("Git failed while delivering 'Set weights of prod/api-wrr: api-canary=20': ", error.Message, StringComparison.Ordinal);
        Assert.Contains("api-wrr.lock", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(". Fix what it names in the repository and try again.", error.Message, StringComparison.Ordinal);
        Assert.Equal("main\n", repo.Git("branch", "--format=%(refname:short)"));
    }

    [Fact]
    public async Task ProposeAsync_BranchNoOp_CreatesNoBranch()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo);

        var result = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 10)), DeliveryMode.Branch);

        Assert.Equal(DeliveryOutcome.NoChanges, result.Outcome);
        Assert.Null(result.Commit);
        Assert.Equal("main\n", repo.Git("branch", "--format=%(refname:short)"));
    }

    [Fact]
    public async Task DeliverAsync_InvalidProposal_IsRefused()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo);
        var proposal = git.Plan(TestIntents.Edit<TraefikService>("TraefikService", "prod", "api-wrr", BadStrategy));

        var error = await Assert.ThrowsAsync<GitOpsException>(() => git.DeliverAsync(proposal, DeliveryMode.Branch));

        Assert.Equal(
            "The change 'Edit TraefikService prod/api-wrr' would break routing, so it was not delivered:\n"
            + "- error: TraefikService prod/api-wrr spec.weighted.services[0].strategy: \"random\" is not one of wrr, p2c, hrw, leasttime, RoundRobin.",
            error.Message);
        Assert.Equal("main\n", repo.Git("branch", "--format=%(refname:short)"));
    }

    [Fact]
    public async Task ProposeAsync_RealWeightedRouteOperations_CreateThenShift()
    {
        using var repo = new TempRepository();
        repo.Commit("init", ("README.md", "# config\n"));
        var git = Repositories.Open(repo);

        var created = await git.ProposeAsync(TestIntents.CreateRoute("prod", "api", "api.example.com", ("api-stable", 95), ("api-canary", 5)), DeliveryMode.Branch);
        var shifted = await git.ProposeAsync(TestIntents.UpdateWeights("prod", "api", ("api-stable", 80), ("api-canary", 20)), DeliveryMode.Branch);

        Assert.Equal(DeliveryOutcome.Committed, created.Outcome);
        Assert.True(shifted.Proposal.Basis.IsPendingBranch);
        Assert.Equal(
            "diff --git a/traefik/prod/api/traefikservice-api-wrr.yaml b/traefik/prod/api/traefikservice-api-wrr.yaml\n",
            shifted.Proposal.Diff.Split('\n')[0] + "\n");
        Assert.Equal(
            ["-        weight: 95", "+        weight: 80", "-        weight: 5", "+        weight: 20"],
            shifted.Proposal.Diff.Split('\n').Where(l => l.Length > 0 && l[0] is '+' or '-' && !l.StartsWith("+++", StringComparison.Ordinal) && !l.StartsWith("---", StringComparison.Ordinal)));
        Assert.Equal(shifted.Proposal.Diff, repo.Git("diff", created.Commit!, shifted.Commit!));
    }

    private static TraefikService BadStrategy(TraefikService service) =>
        service with { Spec = service.Spec with { Weighted = service.Spec.Weighted! with { Services = service.Spec.Weighted.Services!.SetItem(0, service.Spec.Weighted.Services![0] with { Strategy = "random" }) } } };
}
