using Snapshooter.Xunit;
using Traefik.Manifests.Affinity;
using Traefik.Manifests.Impact;
using Traefik.Manifests.Mirroring;
using Traefik.Manifests.Model;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Tests.Support;
using Traefik.Manifests.Transports;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Tests.Mirroring;

public sealed class MirrorsTests
{
    private static ManifestSet CanaryRoute() => WeightedRoutes.Upsert(ManifestSet.Empty, "production", "api-service-route", new WeightedRouteIntent
    {
        Match = new RouteMatch { Host = "api.example.com" },
        Backends = [new WeightedBackend { Service = "api-service-stable", Weight = 50 }, new WeightedBackend { Service = "api-service-canary", Weight = 50 }],
    }).Objects;

    /// <summary>api-service-route as a simple route: its rule points straight at the stable Service, and there is no -wrr.</summary>
    private static ManifestSet DirectRoute() => SimpleRoutes.Upsert(ManifestSet.Empty, "production", "api-service-route", new SimpleRouteIntent
    {
        Rules = [new SimpleRule { Match = new RouteMatch { Host = "api.example.com" }, Services = [new SimpleService { Name = "api-service-stable" }] }],
    }).Objects;

    private static MirrorIntent Prompt1 => new()
    {
        MainService = "api-service-stable",
        MirrorService = "api-service-canary",
        Percent = 20,
    };

    [Fact]
    public void Enable_WithoutAttach_CreatesMirrorWaitingOnIngressWithWarnings()
    {
        var result = Mirrors.Enable(CanaryRoute(), "production", "api-service-route", Prompt1);

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
        var shop = WeightedRoutes.Upsert(ManifestSet.Empty, "default", "shop", new WeightedRouteIntent
        {
            Match = new RouteMatch { Host = "shop.example.com" },
            Backends = [new WeightedBackend { Service = "shop-stable", Weight = 100 }],
        }).Objects;

        var result = Mirrors.Enable(shop, "default", "shop", new MirrorIntent());

        var mirroring = result.Objects.OfType<TraefikService>().Single(t => t.Name == "shop-mirror").Spec.Mirroring!;
        Assert.Equal(("shop-stable", "shop-staging", 20), (mirroring.Name, mirroring.Mirrors![0].Name, mirroring.Mirrors[0].Percent!.Value));
        SchemaAssert.Valid(result.Objects);
    }

    [Fact]
    public void Enable_AttachToIngress_RepointsWrrRulesAndBecomesActive()
    {
        var result = Mirrors.Enable(CanaryRoute(), "production", "api-service-route", Prompt1 with { AttachToIngress = true });

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
        var result = Mirrors.Enable(CanaryRoute(), "production", "api-service-route", Prompt1 with { MainService = null, KeepWeightedSplit = true, AttachToIngress = true, MirrorBody = false, MaxBodySize = 1048576 });

        SchemaAssert.Valid(result.Objects);
        Assert.Equal("api-service-route-wrr (TraefikService)", result.Outcome.Main);
        Assert.Contains(result.Warnings, w => w.Contains("users keep the weighted split", StringComparison.Ordinal));
        Snapshot.Match(ManifestYaml.Render(result.Objects.Single(o => o.Name == "api-service-route-mirror")));
    }

    [Fact]
    public void Enable_KeepWeightedSplitWithoutWrr_IsAnError()
    {
        var e = Assert.Throws<ManifestException>(() => Mirrors.Enable(DirectRoute(), "production", "api-service-route", Prompt1 with { MainService = null, KeepWeightedSplit = true }));
        Assert.StartsWith("keepWeightedSplit: TraefikService production/api-service-route-wrr does not exist", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void Enable_PercentOutOfRange_IsRejected(int percent)
    {
        var e = Assert.Throws<ManifestException>(() => Mirrors.Enable(CanaryRoute(), "production", "api-service-route", Prompt1 with { Percent = percent }));
        Assert.Equal($"percent: must be from 1 to 100 to enable mirroring (got {percent}).", Assert.Single(e.Problems).ToString());
    }

    [Fact]
    public void UpdatePercent_RampsTo50()
    {
        var enabled = Mirrors.Enable(CanaryRoute(), "production", "api-service-route", Prompt1 with { AttachToIngress = true }).Objects;
        var result = Mirrors.UpdatePercent(enabled, "production", "api-service-route", new MirrorPercentIntent { Percent = 50 });
        Assert.Equal(50, Assert.Single(result.Outcome.Mirrors).Percent);
        Assert.Equal(MirrorStatus.Active, result.Outcome.Status);
        Assert.Single(result.Changes);
    }

    [Fact]
    public void Disable_WhileIngressPointsAtMirror_WithoutRestore_IsRefused()
    {
        var enabled = Mirrors.Enable(CanaryRoute(), "production", "api-service-route", Prompt1 with { AttachToIngress = true }).Objects;
        var e = Assert.Throws<ManifestException>(() => Mirrors.Disable(enabled, "production", "api-service-route", new MirrorRemovalIntent { RestoreIngressToWrr = false }));
        Assert.Equal(
            "Cannot delete api-service-route-mirror: it still receives live traffic.\n- IngressRoute production/api-service-route spec.routes[0].services[0]: points at api-service-route-mirror; deleting it would send that traffic nowhere. Disable with restoreIngressToWrr, or repoint IngressRoute production/api-service-route first.",
            e.Message);
    }

    [Fact]
    public void Disable_WithRestore_RepointsToWrrAndDeletesMirror()
    {
        var before = CanaryRoute();
        var enabled = Mirrors.Enable(before, "production", "api-service-route", Prompt1 with { AttachToIngress = true }).Objects;

        var result = Mirrors.Disable(enabled, "production", "api-service-route", new MirrorRemovalIntent { RestoreIngressToWrr = true });

        Assert.Equal(MirrorStatus.Removed, result.Outcome.Status);
        Assert.Equal(ManifestYaml.Render(before), ManifestYaml.Render(result.Objects));
    }

    [Fact]
    public void Disable_RestoreWithoutWrr_IsAnErrorAndChangesNothing()
    {
        var mirrorOnly = Mirrors.Enable(DirectRoute(), "production", "api-service-route", Prompt1).Objects;
        var e = Assert.Throws<ManifestException>(() => Mirrors.Disable(mirrorOnly, "production", "api-service-route", new MirrorRemovalIntent { RestoreIngressToWrr = true }));
        Assert.StartsWith("restoreIngressToWrr: TraefikService production/api-service-route-wrr does not exist", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The first defect: shop 80/20, a ServersTransport linked to both backends, sticky sessions on
    /// shop-stable, then mirroring attached to the ingress. The mirror's main reference used to be only
    /// name and port, so real users lost the backend TLS and their sessions.
    /// </summary>
    private static ManifestSet ShopWithTransportAndSticky()
    {
        var shop = WeightedRoutes.Upsert(ManifestSet.Empty, "default", "shop", new WeightedRouteIntent
        {
            Match = new RouteMatch { Host = "shop.example.com" },
            Backends = [new WeightedBackend { Service = "shop-stable", Weight = 80 }, new WeightedBackend { Service = "shop-canary", Weight = 20 }],
        }).Objects;
        shop = ServersTransports.Upsert(shop, "default", "shop-tls", new ServersTransportIntent { Spec = new ServersTransportSpec { ServerName = "shop.internal" } }).Objects;
        shop = ServersTransports.Link(shop, "default", "shop-tls", new TransportLinkIntent { ServiceNames = ["shop-stable", "shop-canary"] }).Objects;
        return StickySessions.Enable(shop, "default", "shop-stable", new StickySessionIntent { Cookie = new StickyCookieOptions { Name = "SESSIONID" } }).Objects;
    }

    [Fact]
    public void Enable_AttachOnARouteWithTransportAndStickiness_TheMainReferenceKeepsEveryOption()
    {
        var before = ShopWithTransportAndSticky();

        var result = Mirrors.Enable(before, "default", "shop", new MirrorIntent { MainService = "shop-stable", MirrorService = "shop-canary", AttachToIngress = true });

        SchemaAssert.Valid(result.Objects);
        var main = result.Objects.Find<TraefikService>("TraefikService", "default", "shop-mirror")!.Spec.Mirroring!;
        Assert.Equal(("shop-stable", "80", "shop-tls", "SESSIONID"), (main.Name, main.Port?.ToString(), main.ServersTransport, main.Sticky?.Cookie?.Name));
        var mirror = Assert.Single(main.Mirrors!);
        Assert.Equal(("shop-canary", "shop-tls", null), (mirror.Name, mirror.ServersTransport, mirror.Sticky));
        var impact = TrafficImpact.Compute(before, result.Objects, result.Changes);
        Assert.Equal("Host(`shop.example.com`): shop-stable 80% → 100%, shop-canary 20% → 0%; 20% copied to shop-canary", Assert.Single(impact).ToString());
        Assert.Empty(TrafficImpact.Violations(before, result.Changes, impact, result.Allowed));
    }

    [Fact]
    public void Enable_MainReferenceWithoutTheBackendsOptions_WouldBeRefusedNamingTheRouterAndTheOptions()
    {
        var before = ShopWithTransportAndSticky();
        var result = Mirrors.Enable(before, "default", "shop", new MirrorIntent { MainService = "shop-stable", MirrorService = "shop-canary", AttachToIngress = true });
        var mirror = result.Objects.Find<TraefikService>("TraefikService", "default", "shop-mirror")!;
        var bare = mirror with { Spec = mirror.Spec with { Mirroring = mirror.Spec.Mirroring! with { ServersTransport = null, Sticky = null } } };
        var after = result.Objects.Set(bare);
        var changes = result.Changes.Select(c => c.Key == bare.Key ? c with { After = bare } : c).ToList();

        var impact = TrafficImpact.Compute(before, after, changes);
        var violations = TrafficImpact.Violations(before, changes, impact, result.Allowed);

        var problem = Assert.Single(violations);
        Assert.Equal("default/shop#0 backends[shop-stable].options", problem.Path);
        Assert.StartsWith("shop-stable would be served with other options (serversTransport shop-tls → (none); sticky {\"cookie\":{\"name\":\"SESSIONID\"}} → (none))", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "\"shop-stable\" is not one of the backends of route default/shop")]
    [InlineData("api-servce-stable", "\"api-servce-stable\" is not one of the backends of route default/shop")]
    public void Enable_MainServiceNotABackendOfTheRoute_IsRefusedListingTheBackends(string? main, string start)
    {
        var shop = WeightedRoutes.Upsert(ManifestSet.Empty, "default", "shop", new WeightedRouteIntent
        {
            Match = new RouteMatch { Host = "shop.example.com" },
            Backends = [new WeightedBackend { Service = "api-service-stable", Weight = 90 }, new WeightedBackend { Service = "api-service-canary", Weight = 10 }],
        }).Objects;

        var e = Assert.Throws<ManifestException>(() => Mirrors.Enable(shop, "default", "shop", new MirrorIntent { MainService = main, MirrorService = "api-service-canary", AttachToIngress = true }));

        var problem = Assert.Single(e.Problems);
        Assert.Equal("mainService", problem.Path);
        Assert.StartsWith(start, problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("(api-service-stable, api-service-canary); as the main service it would answer every user of the route, who never reached it before. Name one of the route's backends, or set allowNewMainService to send users to a new Service on purpose.", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enable_AllowNewMainService_SendsUsersToItOnPurposeAndSaysSo()
    {
        var before = CanaryRoute();

        var result = Mirrors.Enable(before, "production", "api-service-route", Prompt1 with { MainService = "api-service-v2", MainPort = 8080, AllowNewMainService = true, AttachToIngress = true });

        SchemaAssert.Valid(result.Objects);
        Assert.Contains("api-service-v2 is not one of the route's backends (api-service-stable, api-service-canary); as asked (allow new main service), users served through api-service-route-mirror go to it.", result.Warnings);
        var impact = TrafficImpact.Compute(before, result.Objects, result.Changes);
        Assert.Equal("api-service-v2 0% → 100%, api-service-stable 50% → 0%, api-service-canary 50% → 0%", Assert.Single(impact).Differences[0]);
        Assert.Empty(TrafficImpact.Violations(before, result.Changes, impact, result.Allowed));
    }

    [Fact]
    public void Enable_MainPortOtherThanTheRoutes_IsRefusedUnlessAllowed()
    {
        var e = Assert.Throws<ManifestException>(() => Mirrors.Enable(CanaryRoute(), "production", "api-service-route", Prompt1 with { MainPort = 8080 }));

        Assert.Equal("mainPort: the route production/api-service-route sends users to api-service-stable on port 80, not 8080; leave mainPort out to keep the port users are served on, or set allowNewMainService to send them to the new port on purpose.", e.Message);
    }

    [Fact]
    public void Enable_RouteThatDoesNotExist_IsAnErrorAndCreatesNothing()
    {
        var e = Assert.Throws<ManifestException>(() => Mirrors.Enable(CanaryRoute(), "production", "api-servce-route", Prompt1));

        Assert.Equal("routeName: the route production/api-servce-route does not exist: there is no IngressRoute api-servce-route and no TraefikService api-servce-route-wrr in production, so a mirror would serve no one. Create the route first, or check the route name and namespace.", e.Message);
    }

    [Fact]
    public void Enable_KeepWeightedSplitAttached_UsersUnchangedAndCopiesToTheMirror()
    {
        var before = CanaryRoute();

        var result = Mirrors.Enable(before, "production", "api-service-route", Prompt1 with { MainService = null, KeepWeightedSplit = true, AttachToIngress = true });

        SchemaAssert.Valid(result.Objects);
        var impact = TrafficImpact.Compute(before, result.Objects, result.Changes);
        Assert.Equal(["users unchanged (api-service-stable 50%, api-service-canary 50%)", "20% copied to api-service-canary"], Assert.Single(impact).Differences);
        Assert.Empty(TrafficImpact.Violations(before, result.Changes, impact, result.Allowed));
    }
}
