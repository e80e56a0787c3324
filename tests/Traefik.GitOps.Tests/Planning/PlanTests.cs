using Snapshooter.Xunit;
using Traefik.GitOps.Proposals;
using Traefik.GitOps.Tests.Support;
using Traefik.Manifests;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Tests.Support;

namespace Traefik.GitOps.Tests.Planning;

public sealed class PlanTests
{
    [Fact]
    public void Plan_NewRoute_WritesOneFilePerObjectInItsGroupAndTheKustomizationsUpToTheRoot()
    {
        using var repo = new TempRepository();
        repo.Commit("init", ("README.md", "# config\n"));
        var git = Repositories.Open(repo);

        var proposal = git.Plan(TestIntents.CreateRoute("prod", "api", "api.example.com", ("api-stable", 90), ("api-canary", 10)));

        Assert.Equal(
            ["traefik/kustomization.yaml", "traefik/prod/api/ingressroute-api.yaml", "traefik/prod/api/kustomization.yaml", "traefik/prod/api/traefikservice-api-wrr.yaml", "traefik/prod/kustomization.yaml"],
            proposal.FileChanges.Select(f => f.Path));
        Assert.All(proposal.FileChanges, f => Assert.Equal(FileChangeKind.Added, f.Kind));
        Assert.False(proposal.Validation.HasErrors, proposal.Validation.Summary);
        SchemaAssert.Valid(proposal.FileChanges.Where(f => !f.Path.EndsWith("kustomization.yaml", StringComparison.Ordinal)).SelectMany(f => ManifestYaml.Parse(f.NewContent!)));
        Snapshot.Match(proposal.Diff);
    }

    [Fact]
    public void Plan_WeightChange_ChangesOneLine()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo);

        var proposal = git.Plan(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)));

        var changed = proposal.Diff.Split('\n').Where(l => (l.StartsWith('+') || l.StartsWith('-')) && !l.StartsWith("+++") && !l.StartsWith("---")).ToList();
        Assert.Equal(["-        weight: 10", "+        weight: 20"], changed);
        Assert.Equal(["traefik/prod/api-wrr.yaml"], proposal.FileChanges.Select(f => f.Path));
    }

    [Fact]
    public void Plan_SameIntentSameBase_SameId()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo);
        var intent = TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20));

        var first = git.Plan(intent);
        var second = git.Plan(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)));
        var other = git.Plan(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 30)));
        repo.Commit("unrelated", ("README.md", "moved\n"));
        var moved = git.Plan(intent);

        Assert.Equal(first.Id, second.Id);
        Assert.Matches("^[0-9a-f]{16}$", first.Id);
        Assert.NotEqual(first.Id, other.Id);
        Assert.NotEqual(first.Id, moved.Id);
    }

    [Fact]
    public void Plan_IntentAlreadySatisfied_IsNoOp()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo);

        var proposal = git.Plan(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 10)));

        Assert.True(proposal.IsNoOp);
        Assert.Empty(proposal.FileChanges);
        Assert.Empty(proposal.ObjectChanges);
        Assert.Equal(string.Empty, proposal.Diff);
        Assert.Equal("Set weights of prod/api-wrr: api-canary=10\nNo changes: the intent is already satisfied.", proposal.Summary);
    }

    [Fact]
    public void Plan_WeightChange_ReportsWeightsAndShares()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo);

        var proposal = git.Plan(TestIntents.SetWeights("prod", "api-wrr", ("api-stable", 75), ("api-canary", 25)));

        var change = Assert.Single(proposal.ObjectChanges);
        Assert.Equal((ChangeType.Updated, "TraefikService", "prod", "api-wrr", "traefik/prod/api-wrr.yaml"), (change.Type, change.Kind, change.Namespace, change.Name, change.File));
        Assert.Equal(
            [
                "spec.weighted.services[api-stable].weight: 90 → 75",
                "spec.weighted.services[api-canary].weight: 10 → 25",
                "spec.weighted.services[api-stable].share: 90% → 75%",
                "spec.weighted.services[api-canary].share: 10% → 25%",
            ],
            change.Values.Select(v => v.ToString()));
        Assert.Equal(
            """
            Set weights of prod/api-wrr: api-stable=75, api-canary=25
            - Updates TraefikService prod/api-wrr in traefik/prod/api-wrr.yaml: spec.weighted.services[api-stable].weight 90 → 75; spec.weighted.services[api-canary].weight 10 → 25; spec.weighted.services[api-stable].share 90% → 75%; spec.weighted.services[api-canary].share 10% → 25%
            Files: 1 modified.
            Valid: 1 object checked against the Traefik CRD schemas and cross-object references.
            """,
            proposal.Summary);
    }
}
