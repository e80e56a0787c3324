using Traefik.Manifests.Impact;
using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Tests.Support;

namespace Traefik.Manifests.Tests.Impact;

public sealed class TrafficImpactTests
{
    private static readonly ObjectKey Wrr = new("TraefikService", "production", "api-service-route-wrr");

    private static OperationResult<WeightedRouteOutcome> Canary(int stable, int canary, TlsSettings? tls = null) => WeightedRoutes.Upsert(ManifestSet.Empty, "production", "api-service-route", new WeightedRouteIntent
    {
        Match = new RouteMatch { Host = "api.example.com" },
        Backends = [new WeightedBackend { Service = "api-service-stable", Weight = stable }, new WeightedBackend { Service = "api-service-canary", Weight = canary }],
        Tls = tls,
    });

    private static (IReadOnlyList<RouterImpact> Impact, IReadOnlyList<string> Violations) Judge<T>(ManifestSet before, OperationResult<T> result)
    {
        SchemaAssert.Valid(result.Objects);
        var impact = TrafficImpact.Compute(before, result.Objects, result.Changes);
        return (impact, [.. TrafficImpact.Violations(before, result.Changes, impact, result.Allowed).Select(p => p.ToString())]);
    }

    private static (IReadOnlyList<RouterImpact> Impact, IReadOnlyList<string> Violations) Judge(ManifestSet before, ManifestSet after, ChangeAllowance allowed)
    {
        SchemaAssert.Valid(after);
        var changes = before.Keys.Union(after.Keys).Order()
            .Select(k => (k, before.TryGet(k, out var b) ? b : null, after.TryGet(k, out var a) ? a : null))
            .Where(x => x.Item2 is null || x.Item3 is null || ManifestYaml.Render(x.Item2) != ManifestYaml.Render(x.Item3))
            .Select(x => new ObjectChange(x.Item2 is null ? ChangeType.Created : x.Item3 is null ? ChangeType.Deleted : ChangeType.Updated, x.k, x.Item2, x.Item3))
            .ToList();
        var impact = TrafficImpact.Compute(before, after, changes);
        return (impact, [.. TrafficImpact.Violations(before, changes, impact, allowed).Select(p => p.ToString())]);
    }

    [Fact]
    public void Compute_WeightShift_OneUpdatedRouterWithTheSharesInWords()
    {
        var before = Canary(95, 5).Objects;

        var (impact, violations) = Judge(before, WeightedRoutes.UpdateWeights(before, "production", "api-service-route", new WeightsIntent { Weights = [new BackendWeight { Service = "api-service-stable", Weight = 90 }, new BackendWeight { Service = "api-service-canary", Weight = 10 }] }));

        var entry = Assert.Single(impact);
        Assert.Equal(("production/api-service-route#0", RouterChange.Updated), (entry.Router, entry.Change));
        Assert.Equal("Host(`api.example.com`): api-service-stable 95% → 90%, api-service-canary 5% → 10%", entry.ToString());
        Assert.Equal("production/api-service-stable:80=95, production/api-service-canary:80=5", RoutingModelTests.Backends(entry.Before!));
        Assert.Equal("production/api-service-stable:80=90, production/api-service-canary:80=10", RoutingModelTests.Backends(entry.After!));
        Assert.Empty(violations);
    }

    [Fact]
    public void Compute_CreateAndDelete_CreatedAndRemovedRouters()
    {
        var created = Canary(100, 0, new TlsSettings { SecretName = "api-tls" });
        var (impact, violations) = Judge(ManifestSet.Empty, created);
        var (gone, refused) = Judge(created.Objects, WeightedRoutes.Delete(created.Objects, "production", "api-service-route"));

        var entry = Assert.Single(impact);
        Assert.Equal(RouterChange.Created, entry.Change);
        Assert.Null(entry.Before);
        Assert.Equal(["new router on websecure, TLS (secret api-tls)", "users: api-service-stable 100%, api-service-canary 0%"], entry.Differences);
        Assert.Empty(violations);
        Assert.Equal(RouterChange.Removed, Assert.Single(gone).Change);
        Assert.Equal(["router removed: requests it matched (api-service-stable 100%) get 404 unless another router matches them"], gone[0].Differences);
        Assert.Empty(refused);
    }

    [Fact]
    public void Compute_OnlyRoutersReachingAChangedObject_AreCompared()
    {
        var objects = Canary(90, 10).Objects;
        objects = HttpMiddlewares.Upsert(objects, "production", "limit", MiddlewareSpecs.RateLimit(average: 100, burst: 200, period: "1s")).Objects;
        objects = SimpleRoutes.Upsert(objects, "production", "docs", new SimpleRouteIntent
        {
            Rules =
            [
                new SimpleRule { Match = new RouteMatch { Host = "docs.example.com" }, Services = [new SimpleService { Name = "docs" }], Middlewares = ["limit"] },
                new SimpleRule { Match = new RouteMatch { Host = "static.example.com" }, Services = [new SimpleService { Name = "static" }] },
            ],
        }).Objects;

        var (impact, violations) = Judge(objects, HttpMiddlewares.Upsert(objects, "production", "limit", MiddlewareSpecs.RateLimit(average: 50, burst: 100, period: "1s")));

        var entry = Assert.Single(impact);
        Assert.Equal("production/docs#0", entry.Router);
        Assert.Equal(
            ["users unchanged (docs 100%)", "middlewares production/limit (rateLimit: 100 requests per 1s, burst 200) → production/limit (rateLimit: 50 requests per 1s, burst 100)"],
            entry.Differences);
        Assert.Empty(violations);
    }

    [Fact]
    public void Violations_OptionLost_IsRefusedNamingTheRouterAndTheProperty()
    {
        var before = Canary(80, 20).Objects;
        var wrr = before.Find<TraefikService>(Wrr.Kind, Wrr.Namespace, Wrr.Name)!;
        var services = wrr.Spec.Weighted!.Services!;
        before = before.Set(wrr with { Spec = wrr.Spec with { Weighted = wrr.Spec.Weighted with { Services = services.SetItem(0, services[0] with { ServersTransport = "tls", PassHostHeader = false }) } } });
        before = before.Set(new Manifests.Transports.ServersTransport { ApiVersion = TraefikApi.Version, Kind = TraefikApi.ServersTransportKind, Metadata = new() { Name = "tls", NamespaceProperty = "production" }, Spec = new Manifests.Transports.ServersTransportSpec() });
        var stripped = before.Find<TraefikService>(Wrr.Kind, Wrr.Namespace, Wrr.Name)!;
        var after = before.Set(stripped with { Spec = stripped.Spec with { Weighted = stripped.Spec.Weighted! with { Services = services } } });

        var (impact, violations) = Judge(before, after, ChangeAllowance.RoutersReaching(Wrr, RouterProperty.Shares));
        var (_, linkAllowed) = Judge(before, after, ChangeAllowance.RoutersReaching(new ObjectKey("Service", "production", "api-service-stable"), RouterProperty.Options, ["production/api-service-stable"], ["serversTransport"]));

        Assert.Equal(["users unchanged (api-service-stable 80%, api-service-canary 20%)", "api-service-stable: passHostHeader false → (none), serversTransport tls → (none)"], Assert.Single(impact).Differences);
        Assert.Equal(
            ["production/api-service-route#0 backends[api-service-stable].options: api-service-stable would be served with other options (passHostHeader false → (none); serversTransport tls → (none)), which this change was not asked to do; users would lose what those options give them."],
            violations);
        Assert.Equal(
            ["production/api-service-route#0 backends[api-service-stable].options: api-service-stable would be served with other options (passHostHeader false → (none)), which this change was not asked to do; users would lose what those options give them."],
            linkAllowed);
    }

    [Fact]
    public void Violations_UsersSentToANewService_AreRefusedUnlessThatServiceIsGranted()
    {
        var before = Canary(90, 10).Objects;
        var wrr = before.Find<TraefikService>(Wrr.Kind, Wrr.Namespace, Wrr.Name)!;
        var after = before.Set(wrr with { Spec = wrr.Spec with { Weighted = wrr.Spec.Weighted! with { Services = wrr.Spec.Weighted.Services!.SetItem(1, new ServiceReference { Name = "api-servce-canary", Port = 80, Weight = 10 }) } } });

        var (_, refused) = Judge(before, after, ChangeAllowance.RoutersReaching(Wrr, RouterProperty.Shares));
        var (_, granted) = Judge(before, after, ChangeAllowance.RoutersReaching(Wrr, RouterProperty.Shares | RouterProperty.NewBackends, ["production/api-servce-canary"]));
        var (_, other) = Judge(before, after, ChangeAllowance.RoutersReaching(Wrr, RouterProperty.Shares | RouterProperty.NewBackends, ["production/somewhere-else"]));

        Assert.Equal(
            ["production/api-service-route#0 backends[api-servce-canary]: 10% of users would go to production/api-servce-canary, which this router did not use before (it used api-service-stable, api-service-canary); this change was not asked to send users to a new Service."],
            refused);
        Assert.Empty(granted);
        Assert.Equal(refused, other);
    }

    [Fact]
    public void Violations_RouterStartsFailing_IsRefusedWhateverIsAllowed()
    {
        var before = Canary(90, 10).Objects;

        var (impact, violations) = Judge(before, before.Remove(Wrr), ChangeAllowance.RoutersReaching(Wrr, RouterProperty.All).And(ChangeAllowance.RoutersOf(new ObjectKey("IngressRoute", "production", "api-service-route"))));

        Assert.Equal(["users get errors: TraefikService production/api-service-route-wrr does not exist; Traefik disables the router."], Assert.Single(impact).Differences.Skip(1));
        Assert.Equal(
            ["production/api-service-route#0 router: users of Host(`api.example.com`) would get errors: TraefikService production/api-service-route-wrr does not exist; Traefik disables the router."],
            violations);
    }

    [Fact]
    public void Violations_TlsOnThePlainHttpEntryPoint_IsRefusedWhateverIsAllowed()
    {
        var before = Canary(90, 10).Objects;
        var route = before.Find<IngressRoute>("IngressRoute", "production", "api-service-route")!;
        var after = before.Set(route with { Spec = route.Spec with { Tls = new RouteTls { SecretName = "api-tls" } } });

        var (_, violations) = Judge(before, after, ChangeAllowance.RoutersOf(route.Key));

        Assert.Equal(["production/api-service-route#0 tls: TLS would be on the plain-HTTP entry point web, where HTTPS clients never arrive; TLS routes go on websecure."], violations);
    }

    [Fact]
    public void Violations_PropertiesNotGranted_AreEachNamed()
    {
        var before = Canary(90, 10).Objects;
        var route = before.Find<IngressRoute>("IngressRoute", "production", "api-service-route")!;
        var after = before.Set(route with { Spec = route.Spec with { EntryPoints = ["websecure"], Routes = [route.Spec.Routes[0] with { Match = "Host(`api2.example.com`)", Priority = 5 }] } });

        var (_, violations) = Judge(before, after, ChangeAllowance.RoutersOf(route.Key, RouterProperty.Middlewares));

        Assert.Equal(
            [
                "production/api-service-route#0 match: the rule would change from Host(`api.example.com`) (priority default) to Host(`api2.example.com`) (priority 5), which this change was not asked to do.",
                "production/api-service-route#0 entry_points: the entry points would change from web to websecure, which this change was not asked to do.",
            ],
            violations);
    }

    [Fact]
    public void Compute_NoChanges_NoImpact()
    {
        var objects = Canary(90, 10).Objects;

        Assert.Empty(TrafficImpact.Compute(objects, objects, []));
        Assert.Empty(TrafficImpact.Violations(objects, [], [], ChangeAllowance.None));
    }
}
