using Traefik.GitOps.Delivery;
using Traefik.GitOps.State;
using Traefik.GitOps.Tests.Support;
using Traefik.Manifests.Model;

namespace Traefik.GitOps.Tests.State;

public sealed class ReadStateTests
{
    [Fact]
    public async Task ReadState_PendingProposalBranch_IsFlaggedAndReadForItsObject()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo);
        var delivered = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.Branch);

        var general = git.ReadState();
        var forObject = git.ReadState(DeliveryMode.Branch, "prod", "api-wrr");

        Assert.Equal([new PendingProposal("traefik/prod/api-wrr", delivered.Commit!, 1, "prod", "api-wrr", delivered.Proposal.Id)], general.PendingProposals);
        Assert.False(general.Basis.IsPendingBranch);
        Assert.Equal(10, Weight(general.Objects, "api-canary"));
        Assert.True(forObject.Basis.IsPendingBranch);
        Assert.Equal(delivered.Commit, forObject.Basis.Commit);
        Assert.Equal(20, Weight(forObject.Objects, "api-canary"));
        Assert.Equal(new ObjectLocation("traefik/prod/api-wrr.yaml", 0), forObject.Locate(new ObjectKey("TraefikService", "prod", "api-wrr")));
    }

    [Fact]
    public void ReadState_UnreadableFilesAndDuplicates_AreReportedNotFatal()
    {
        using var repo = new TempRepository();
        repo.Commit(
            "mixed",
            ("traefik/prod/api-wrr.yaml", Samples.WeightedService),
            ("traefik/prod/copy.yaml", Samples.WeightedService),
            ("traefik/charts/templates/route.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }\n"));
        var git = Repositories.Open(repo);

        var state = git.ReadState();

        Assert.Equal(2, state.Problems.Count);
        Assert.Equal(("traefik/charts/templates/route.yaml", 4), (Assert.Single(state.Unreadable).Path, state.Unreadable[0].Line));
        Assert.StartsWith("traefik/charts/templates/route.yaml, line 4, column ", state.Problems[0], StringComparison.Ordinal);
        Assert.Equal("TraefikService prod/api-wrr is defined 2 times: traefik/prod/api-wrr.yaml (document 1) and traefik/prod/copy.yaml (document 1).", state.Problems[1]);
        Assert.Single(state.Objects);
    }

    [Fact]
    public void ReadState_AfterACommit_ReadsOnlyTheFilesThatChanged()
    {
        using var repo = new TempRepository();
        var files = Enumerable.Range(0, 30)
            .Select(i => ($"traefik/prod/wrr-{i}.yaml", Samples.WeightedService.Replace("api-wrr", $"api-{i}-wrr")))
            .ToArray();
        repo.Commit("many", files);
        var git = Repositories.Open(repo);

        var first = git.ReadState();
        var parsedFirst = git.FilesParsed;
        repo.Commit("one", ("traefik/prod/wrr-7.yaml", Samples.WeightedService.Replace("api-wrr", "api-7-wrr").Replace("weight: 10", "weight: 15")), ("README.md", "x\n"));
        var second = git.ReadState();

        Assert.Equal(30, parsedFirst);
        Assert.Equal(31, git.FilesParsed);
        Assert.Equal(30, second.Objects.Count);
        Assert.Equal(15, Weight(second.Objects, "api-canary", "api-7-wrr"));
        Assert.Same(first.Objects.Find<TraefikService>("TraefikService", "prod", "api-3-wrr"), second.Objects.Find<TraefikService>("TraefikService", "prod", "api-3-wrr"));
    }

    [Fact]
    public void Open_RemoteUrl_ClonesIntoTheCacheOnceAndUsesTheRemoteDefaultBranch()
    {
        using var repo = new TempRepository(withRemote: false);
        var bare = Path.Combine(repo.Folder, "trunk.git");
        Directory.CreateDirectory(bare);
        TempRepository.Run(bare, "init", "--bare", "-q", "-b", "trunk");
        repo.Git("remote", "add", "origin", bare);
        repo.Git("checkout", "-q", "-b", "trunk");
        repo.Commit("init", ("traefik/prod/api-wrr.yaml", Samples.WeightedService));
        repo.Git("push", "-q", "origin", "trunk");
        var cache = Path.Combine(repo.Folder, "cache");

        var first = GitOpsRepository.Open(new GitOpsOptions { RemoteUrl = bare, CacheDirectory = cache }, FixedTime.Default);
        var marker = Path.Combine(first.WorkingDirectory!, "marker");
        File.WriteAllText(marker, "kept");
        var second = GitOpsRepository.Open(new GitOpsOptions { RemoteUrl = bare, CacheDirectory = cache }, FixedTime.Default);

        Assert.Equal("trunk", first.BaseBranch);
        Assert.Equal(first.WorkingDirectory, second.WorkingDirectory);
        Assert.Matches(@"/cache/trunk-[0-9a-f]{12}/$", first.WorkingDirectory!.Replace('\\', '/'));
        Assert.True(File.Exists(marker));
        Assert.Single(second.ReadState(DeliveryMode.PullRequest).Objects);
    }

    private static int? Weight(ManifestSet objects, string service, string traefikService = "api-wrr") =>
        objects.Find<TraefikService>("TraefikService", "prod", traefikService)!.Spec.Weighted!.Services!.Single(s => s.Name == service).Weight;
}
