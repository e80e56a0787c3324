using Snapshooter.Xunit;
using Traefik.Manifests.Mirroring;
using Traefik.Manifests.Model;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Tests.Support;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Tests.Mirroring;

public sealed class TrafficMirroringTests
{
    private static ManifestSet CanaryRoute() => WeightedRoutes.Create(ManifestSet.Empty, new WeightedRouteSpec
    {
        Name = "api-service-route",
        Namespace = "production",
        Match = new RouteMatch { Host = "api.example.com" },
        Backends = [new WeightedBackend { Service = "api-service-stable", Weight = 50 }, new WeightedBackend { Service = "api-service-canary", Weight = 50 }],
    }).Objects;

    /// <summary>api-service-route as a simple route: its rule points straight at the stable Service, and there is no -wrr.</summary>
    private static ManifestSet DirectRoute() => SimpleRoutes.Upsert(ManifestSet.Empty, new SimpleRouteSpec
    {
        Name = "api-service-route",
        Namespace = "production",
        Rules = [new SimpleRule { Match = new RouteMatch { Host = "api.example.com" }, Services = [new SimpleService { Name = "api-service-stable" }] }],
    }).Objects;

    private static MirrorSpec Prompt1 => new()
    {
        RouteName = "api-service-route",
        Namespace = "production",
        MainService = "api-service-stable",
        MirrorService = "api-service-canary",
        Percent = 20,
    };

    [Fact]
    public void Enable_WithoutAttach_CreatesMirrorWaitingOnIngressWithWarnings()
    {
        var result = TrafficMirroring.Enable(CanaryRoute(), Prompt1);

        SchemaAssert.Valid(result.Objects);
        Assert.Equal(MirrorStatus.WaitingOnIngress, result.Outcome.Status);
        Assert.Equal(["api-service-route-wrr (TraefikService)"], result.Outcome.IngressTargets);
        Assert.Equal([new MirrorShare("api-service-canary", "80", 20)], result.Outcome.Mirrors);
        Assert.Equal(
            [
                "Repointing IngressRoute api-service-route from api-service-route-wrr to api-service-route-mirror (attach to ingress) would end the live weighted split: every user response would come from api-service-stable.",
                "Shadow traffic reaches api-service-canary for real: database writes, e-mails and other side effects happen. Mirror only read-only or idempotent services, or point the shadow at an isolated database.",
            ],
            result.Warnings);
        var change = Assert.Single(result.Changes);
        Assert.Equal("TraefikService production/api-service-route-mirror", change.Key.ToString());
        Snapshot.Match(ManifestYaml.Render(change.After!));
    }

    [Fact]
    public void Enable_Defaults_AreStableAndStaging()
    {
        var shop = WeightedRoutes.Create(ManifestSet.Empty, new WeightedRouteSpec
        {
            Name = "shop",
            Match = new RouteMatch { Host = "shop.example.com" },
            Backends = [new WeightedBackend { Service = "shop-stable", Weight = 100 }],
        }).Objects;

        var result = TrafficMirroring.Enable(shop, new MirrorSpec { RouteName = "shop" });

        var mirroring = result.Objects.OfType<TraefikService>().Single(t => t.Name == "shop-mirror").Spec.Mirroring!;
        Assert.Equal(("shop-stable", "shop-staging", 20), (mirroring.Name, mirroring.Mirrors![0].Name, mirroring.Mirrors[0].Percent!.Value));
        SchemaAssert.Valid(result.Objects);
    }

    [Fact]
    public void Enable_AttachToIngress_RepointsWrrRulesAndBecomesActive()
    {
        var result = TrafficMirroring.Enable(CanaryRoute(), Prompt1 with { AttachToIngress = true });

        SchemaAssert.Valid(result.Objects);
        Assert.Equal(MirrorStatus.Active, result.Outcome.Status);
        Assert.Equal(["api-service-route-mirror (TraefikService)"], result.Outcome.IngressTargets);
        Assert.Contains(result.Warnings, w => w.StartsWith("Repointing IngressRoute api-service-route to api-service-route-mirror ends the live weighted split", StringComparison.Ordinal));
        Assert.Equal(2, result.Changes.Count);
        Assert.Empty(References.Dangling(result.Objects));
    }

    [Fact]
    public void Enable_KeepWeightedSplit_MirrorsFromTheWrr()
    {
        var result = TrafficMirroring.Enable(CanaryRoute(), Prompt1 with { MainService = null, KeepWeightedSplit = true, AttachToIngress = true, MirrorBody = false, MaxBodySize = 1048576 });

        SchemaAssert.Valid(result.Objects);
        Assert.Equal("api-service-route-wrr (TraefikService)", result.Outcome.Main);
        Assert.Contains(result.Warnings, w => w.Contains("users keep the weighted split", StringComparison.Ordinal));
        Snapshot.Match(ManifestYaml.Render(result.Objects.Single(o => o.Name == "api-service-route-mirror")));
    }

    [Fact]
    public void Enable_KeepWeightedSplitWithoutWrr_IsAnError()
    {
        var e = Assert.Throws<ManifestException>(() => TrafficMirroring.Enable(DirectRoute(), Prompt1 with { MainService = null, KeepWeightedSplit = true }));
        Assert.StartsWith("keepWeightedSplit: TraefikService production/api-service-route-wrr does not exist", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void Enable_PercentOutOfRange_IsRejected(int percent)
    {
        var e = Assert.Throws<ManifestException>(() => TrafficMirroring.Enable(CanaryRoute(), Prompt1 with { Percent = percent }));
        Assert.Equal($"percent: must be from 1 to 100 to enable mirroring (got {percent}).", Assert.Single(e.Problems).ToString());
    }

    [Fact]
    public void UpdatePercent_RampsTo50()
    {
        var enabled = TrafficMirroring.Enable(CanaryRoute(), Prompt1 with { AttachToIngress = true }).Objects;
        var result = TrafficMirroring.UpdatePercent(enabled, "production", "api-service-route", 50);
        Assert.Equal(50, Assert.Single(result.Outcome.Mirrors).Percent);
        Assert.Equal(MirrorStatus.Active, result.Outcome.Status);
        Assert.Single(result.Changes);
    }

    [Fact]
    public void Disable_WhileIngressPointsAtMirror_WithoutRestore_IsRefused()
    {
        var enabled = TrafficMirroring.Enable(CanaryRoute(), Prompt1 with { AttachToIngress = true }).Objects;
        var e = Assert.Throws<ManifestException>(() => TrafficMirroring.Disable(enabled, "production", "api-service-route", restoreIngressToWrr: false));
        Assert.Equal(
            "Cannot delete api-service-route-mirror: it still receives live traffic.\n- IngressRoute production/api-service-route spec.routes[0].services[0]: points at api-service-route-mirror; deleting it would send that traffic nowhere. Disable with restoreIngressToWrr, or repoint IngressRoute production/api-service-route first.",
            e.Message);
    }

    [Fact]
    public void Disable_WithRestore_RepointsToWrrAndDeletesMirror()
    {
        var before = CanaryRoute();
        var enabled = TrafficMirroring.Enable(before, Prompt1 with { AttachToIngress = true }).Objects;

        var result = TrafficMirroring.Disable(enabled, "production", "api-service-route", restoreIngressToWrr: true);

        Assert.Equal(MirrorStatus.Removed, result.Outcome.Status);
        Assert.Equal(ManifestYaml.Render(before), ManifestYaml.Render(result.Objects));
    }

    [Fact]
    public void Disable_RestoreWithoutWrr_IsAnErrorAndChangesNothing()
    {
        var mirrorOnly = TrafficMirroring.Enable(DirectRoute(), Prompt1).Objects;
        var e = Assert.Throws<ManifestException>(() => TrafficMirroring.Disable(mirrorOnly, "production", "api-service-route", restoreIngressToWrr: true));
        Assert.StartsWith("restoreIngressToWrr: TraefikService production/api-service-route-wrr does not exist", e.Message, StringComparison.Ordinal);
    }
}
