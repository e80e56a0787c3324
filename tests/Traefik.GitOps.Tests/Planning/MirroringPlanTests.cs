using Traefik.GitOps.Delivery;
using Traefik.GitOps.Intents;
using Traefik.GitOps.Tests.Support;
using Traefik.Manifests;
using Traefik.Manifests.Mirroring;
using Traefik.Manifests.Tests.Support;
using Traefik.Manifests.Validation;

namespace Traefik.GitOps.Tests.Planning;

public sealed class MirroringPlanTests
{
    [Fact]
    public async Task Plan_ShadowLaunchSteps_ReportMirrorPercentAndRefuseDeletingAnAttachedMirror()
    {
        using var repo = new TempRepository();
        repo.Commit("init", ("README.md", "# config\n"));
        var git = Repositories.Open(repo);
        await git.ProposeAsync(TestIntents.CreateRoute("prod", "api", "api.example.com", ("api-stable", 90), ("api-canary", 10)), DeliveryMode.Branch);
        var enable = TrafficIntent.Create("Mirror 10% of prod/api to api-shadow", "mirror prod/api api-shadow 10", "prod", "api", s => Mirrors.Enable(s, "prod", "api", new MirrorIntent
        {
            KeepWeightedSplit = true,
            MirrorService = "api-shadow",
            Percent = 10,
            AttachToIngress = true,
        }));
        var ramp = TrafficIntent.Create("Mirror 50% of prod/api", "mirror-percent prod/api 50", "prod", "api", s => Mirrors.UpdatePercent(s, "prod", "api", new MirrorPercentIntent { Percent = 50 }));

        var enabled = await git.ProposeAsync(enable, DeliveryMode.Branch);
        var ramped = git.Plan(ramp);
        await git.DeliverAsync(ramped, DeliveryMode.Branch);
        var delete = TestIntents.Delete("TraefikService", "prod", "api-mirror");
        var deleteMirror = Assert.Throws<ManifestException>(() => git.Plan(TrafficIntent.Create(delete.Title, delete.Fingerprint, "prod", "api", delete.Apply)));

        Assert.Equal(
            ["Created TraefikService prod/api-mirror traefik/prod/api/traefikservice-api-mirror.yaml", "Updated IngressRoute prod/api traefik/prod/api/ingressroute-api.yaml"],
            enabled.Proposal.ObjectChanges.Select(c => $"{c.Type} {c.Kind} {c.Namespace}/{c.Name} {c.File}").Order(StringComparer.Ordinal));
        Assert.Equal(
            ["spec.routes[0].services[api-mirror].name: api-wrr → api-mirror"],
            enabled.Proposal.ObjectChanges.Single(c => c.Kind == "IngressRoute").Values.Select(v => v.ToString()));
        Assert.Contains("+  - traefikservice-api-mirror.yaml\n", enabled.Proposal.Diff);
        Assert.NotEmpty(enabled.Proposal.Warnings);
        Assert.Equal(["spec.mirroring.mirrors[api-shadow].percent: 10 → 50"], Assert.Single(ramped.ObjectChanges).Values.Select(v => v.ToString()));
        Assert.Equal(2, ramped.Diff.Split('\n').Count(l => l.StartsWith("-  ", StringComparison.Ordinal) || l.StartsWith("+  ", StringComparison.Ordinal)));
        SchemaAssert.Valid(ramped.FileChanges.SelectMany(f => ManifestYaml.Parse(f.NewContent!)));
        Assert.Equal(
            ["prod/api#0 router: users of Host(`api.example.com`) would get errors: TraefikService prod/api-mirror does not exist; Traefik disables the router."],
            deleteMirror.Problems.Select(p => p.ToString()));
        Assert.Equal(
            ["prod/api#0", "Host(`api.example.com`): users unchanged (api-stable 90%, api-canary 10%); 10% copied to api-shadow"],
            [enabled.Proposal.TrafficImpact.Single().Router, enabled.Proposal.TrafficImpact.Single().ToString()]);
        Assert.Equal("Host(`api.example.com`): copies to api-shadow 10% → 50%", ramped.TrafficImpact.Single().ToString().Replace("users unchanged (api-stable 90%, api-canary 10%); ", string.Empty, StringComparison.Ordinal));
    }
}
