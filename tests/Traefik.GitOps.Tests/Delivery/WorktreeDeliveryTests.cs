using Traefik.GitOps.Delivery;
using Traefik.GitOps.Tests.Support;

namespace Traefik.GitOps.Tests.Delivery;

public sealed class WorktreeDeliveryTests
{
    [Fact]
    public async Task ProposeAsync_Worktree_WritesFilesUncommittedWithGitsOwnDiff()
    {
        using var repo = Repositories.WithRoute();
        var head = repo.Git("rev-parse", "HEAD");
        var git = Repositories.Open(repo);

        var result = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.Worktree);

        Assert.Equal(DeliveryOutcome.WrittenToWorktree, result.Outcome);
        Assert.Equal(["traefik/prod/api-wrr.yaml"], result.Files);
        Assert.Equal(" M traefik/prod/api-wrr.yaml\n", repo.Git("status", "--porcelain"));
        Assert.Equal(head, repo.Git("rev-parse", "HEAD"));
        Assert.Equal(result.Proposal.Diff, repo.Git("diff"));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(repo.Work, "traefik/prod"), "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ProposeAsync_Worktree_StacksStepsAndKeepsUncommittedEdits()
    {
        using var repo = Repositories.WithRoute();
        repo.Write("traefik/prod/api-route.yaml", Samples.Route.Replace("websecure", "web"));
        var git = Repositories.Open(repo);

        var first = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.Worktree);
        var second = git.Plan(TestIntents.SetWeights("prod", "api-wrr", ("api-stable", 80)), DeliveryMode.Worktree);
        var delivered = await git.DeliverAsync(second, DeliveryMode.Worktree);

        Assert.Equal(DeliveryOutcome.WrittenToWorktree, first.Outcome);
        Assert.Contains("-        weight: 90\n+        weight: 80\n", second.Diff);
        Assert.Contains("\n         weight: 20\n", second.Diff);
        Assert.Same(second, delivered.Proposal);
        Assert.Equal(Samples.WeightedService.Replace("weight: 90", "weight: 80").Replace("weight: 10", "weight: 20"), repo.Read("traefik/prod/api-wrr.yaml"));
        Assert.Equal(Samples.Route.Replace("websecure", "web"), repo.Read("traefik/prod/api-route.yaml"));
    }

    [Fact]
    public async Task DeliverAsync_WorkingTreeChangedSincePlan_PlansAgain()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo);
        var proposal = git.Plan(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.Worktree);
        repo.Write("traefik/prod/api-wrr.yaml", Samples.WeightedService.Replace("weight: 90", "weight: 85"));

        var result = await git.DeliverAsync(proposal, DeliveryMode.Worktree);

        Assert.NotEqual(proposal.Id, result.Proposal.Id);
        Assert.Equal(Samples.WeightedService.Replace("weight: 90", "weight: 85").Replace("weight: 10", "weight: 20"), repo.Read("traefik/prod/api-wrr.yaml"));
    }

    [Fact]
    public async Task ProposeAsync_WorktreeDeletion_RemovesFileAndEmptyFolder()
    {
        using var repo = new TempRepository();
        repo.Commit("init", ("README.md", "x\n"), ("traefik/web/ingressroute-api.yaml", Samples.Route.Replace("namespace: prod", "namespace: web").Replace("api-wrr", "api-svc").Replace("kind: TraefikService\n", string.Empty)));
        var git = Repositories.Open(repo);

        var result = await git.ProposeAsync(TestIntents.Delete("IngressRoute", "web", "api"), DeliveryMode.Worktree);

        Assert.Equal(DeliveryOutcome.WrittenToWorktree, result.Outcome);
        Assert.False(Directory.Exists(Path.Combine(repo.Work, "traefik/web")));
    }

    [Fact]
    public async Task ProposeAsync_NoOp_WritesNothing()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo);

        var result = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 10)), DeliveryMode.Worktree);

        Assert.Equal(DeliveryOutcome.NoChanges, result.Outcome);
        Assert.Equal(string.Empty, repo.Git("status", "--porcelain"));
    }

    [Fact]
    public async Task ProposeAsync_Diff_WritesNothing()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo);

        var result = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.Diff);

        Assert.Equal(DeliveryOutcome.Previewed, result.Outcome);
        Assert.Contains("+        weight: 20", result.Proposal.Diff);
        Assert.Equal(string.Empty, repo.Git("status", "--porcelain"));
        Assert.Equal("main\n", repo.Git("branch", "--format=%(refname:short)"));
    }
}
