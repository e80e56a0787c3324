using Traefik.GitOps.Delivery;
using Traefik.GitOps.Intents;
using Traefik.GitOps.Tests.Support;
using Traefik.Manifests.Model;

namespace Traefik.GitOps.Tests.Planning;

public sealed class DiffTests
{
    [Fact]
    public async Task Diff_RenamedObjectFile_IsWhatGitDiffPrints()
    {
        using var repo = new TempRepository();
        repo.Commit("layout", ("traefik/prod/traefikservice-api-wrr.yaml", Samples.WeightedService), ("traefik/prod/kustomization.yaml", "resources:\n  - traefikservice-api-wrr.yaml\n"));
        var git = Repositories.Open(repo);
        var rename = TrafficIntent.Create("Rename api-wrr to api-v2-wrr", "rename prod/api-wrr api-v2-wrr", "prod", "api-wrr", current =>
        {
            var old = current.Find<TraefikService>("TraefikService", "prod", "api-wrr")!;
            var renamed = old with { Metadata = new k8s.Models.V1ObjectMeta { Name = "api-v2-wrr", NamespaceProperty = "prod" } };
            return IntentResult.Compare(current, current.Remove(old.Key).Set(renamed));
        });

        var result = await git.ProposeAsync(rename, DeliveryMode.Branch);

        Assert.Contains("similarity index", result.Proposal.Diff);
        Assert.Contains("rename from traefik/prod/traefikservice-api-wrr.yaml\nrename to traefik/prod/api-wrr/traefikservice-api-v2-wrr.yaml\n", result.Proposal.Diff);
        Assert.Equal(repo.Git("diff", "main", result.Branch!), result.Proposal.Diff);
    }

    [Fact]
    public void Diff_DiffMode_PreviewsAgainstTheDefaultDeliverysStartingState()
    {
        using var repo = Repositories.WithRoute();
        repo.Write("traefik/prod/api-wrr.yaml", Samples.WeightedService.Replace("weight: 90", "weight: 85"));
        var worktree = Repositories.Open(repo, new GitOpsOptions { DefaultDelivery = DeliveryMode.Worktree });
        var branch = Repositories.Open(repo);

        var fromWorktree = worktree.Plan(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.Diff);
        var fromBranch = branch.Plan(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)));

        Assert.Equal(DeliveryMode.Worktree, fromWorktree.Basis.Mode);
        Assert.Contains("\n         weight: 85\n", fromWorktree.Diff);
        Assert.Equal(DeliveryMode.Branch, fromBranch.Basis.Mode);
        Assert.Contains("\n         weight: 90\n", fromBranch.Diff);
    }
}
