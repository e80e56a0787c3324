using Snapshooter.Xunit;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Tests.Support;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Tests.Routing;

public sealed class WeightedRoutesTests
{
    private static WeightedRouteIntent HelloWorld(int stable = 100, int canary = 0) => new()
    {
        Match = new RouteMatch { Host = "hello-world.example.com" },
        Backends =
        [
            new WeightedBackend { Service = "hello-world-stable", Weight = stable },
            new WeightedBackend { Service = "hello-world-canary", Weight = canary },
        ],
    };

    [Fact]
    public void Upsert_SeedScenarioA_WritesIngressRouteAndWrrWithExplicitZeroWeight()
    {
        var result = WeightedRoutes.Upsert(ManifestSet.Empty, "default", "hello-world-route", HelloWorld());

        SchemaAssert.Valid(result.Objects);
        Assert.Equal([ChangeType.Created, ChangeType.Created], result.Changes.Select(c => c.Type));
        Assert.Equal(["hello-world-stable", "hello-world-canary"], result.Outcome.Backends.Select(b => b.Service));
        Assert.Equal([100m, 0m], result.Outcome.Backends.Select(b => b.Percent));
        Assert.Equal("hello-world-route-wrr", result.Outcome.TraefikService);
        Snapshot.Match(ManifestYaml.Render(result.Objects));
    }

    [Fact]
    public void Upsert_PathTlsHeaderAndMiddlewares_BuildsTheFullRoute()
    {
        var objects = ManifestSet.From(ManifestYaml.Parse("""
            apiVersion: traefik.io/v1alpha1
            kind: Middleware
            metadata: {name: rate-limit, namespace: production}
            spec: {rateLimit: {average: 100, burst: 200}}
            """));
        var intent = new WeightedRouteIntent
        {
            Match = new RouteMatch { Host = "checkout.example.com", Path = "/api", HeaderName = "X-Canary" },
            Backends = [new WeightedBackend { Service = "checkout-stable", Port = "http", Weight = 90 }, new WeightedBackend { Service = "checkout-canary", Port = 8080, Weight = 10 }],
            EntryPoints = ["https"],
            Tls = new TlsSettings { SecretName = "checkout-tls" },
            Middlewares = ["rate-limit", "auth@file"],
            Priority = 50,
        };

        var result = WeightedRoutes.Upsert(objects, "production", "checkout-route", intent);

        SchemaAssert.Valid(result.Objects);
        Assert.Equal("Host(`checkout.example.com`) && PathPrefix(`/api`) && Header(`X-Canary`, `true`)", result.Outcome.Rule);
        Assert.Equal([90m, 10m], result.Outcome.Backends.Select(b => b.Percent));
        Snapshot.Match(ManifestYaml.Render(result.Objects));
    }

    [Fact]
    public void Upsert_TlsWithNothingElse_WritesEmptyTlsAndWebsecure()
    {
        var result = WeightedRoutes.Upsert(ManifestSet.Empty, "default", "hello-world-route", HelloWorld() with { Tls = new TlsSettings() });
        var route = result.Objects.OfType<IngressRoute>().Single();
        Assert.NotNull(route.Spec.Tls);
        Assert.Equal(["websecure"], route.Spec.EntryPoints!);
        Assert.Contains("  tls: {}\n", ManifestYaml.Render(route), StringComparison.Ordinal);
    }

    [Fact]
    public void Upsert_CookieMatch_IsAnchoredToACookieBoundary()
    {
        var rule = new RouteMatch { Host = "a.example.com", CookieName = "canary.v2" }.ToRule();
        Assert.Equal(@"Host(`a.example.com`) && HeaderRegexp(`Cookie`, `(^|;\s*)canary\.v2=true(;|$)`)", rule);
        var regex = new System.Text.RegularExpressions.Regex(@"(^|;\s*)canary\.v2=true(;|$)");
        Assert.Matches(regex, "a=1; canary.v2=true");
        Assert.DoesNotMatch(regex, "xcanary.v2=true");
        Assert.DoesNotMatch(regex, "canaryXv2=true");
    }

    [Fact]
    public void Upsert_PathRegexp_IsNotForcedToStartWithSlash()
    {
        var rule = new RouteMatch { Host = "a.example.com", Path = "^/api/v[0-9]+", PathMatchType = PathMatchType.PathRegexp }.ToRule();
        Assert.Equal("Host(`a.example.com`) && PathRegexp(`^/api/v[0-9]+`)", rule);
    }

    [Fact]
    public void Upsert_InvalidIntent_ListsEveryProblemAndProducesNothing()
    {
        var intent = new WeightedRouteIntent
        {
            Match = new RouteMatch { Host = "a.com`) || PathPrefix(`/" },
            Backends = [new WeightedBackend { Service = "api", Weight = -1 }, new WeightedBackend { Service = "api", Port = 0, Weight = 0 }],
            EntryPoints = ["web secure"],
            Middlewares = ["missing"],
        };

        var e = Assert.Throws<ManifestException>(() => WeightedRoutes.Upsert(ManifestSet.Empty, "prod", "Bad_Route", intent));

        Assert.Equal(
            """
            The weighted route Bad_Route is not valid.
            - name: "Bad_Route" is not a valid route name: use lower-case letters, digits and '-', starting and ending with a letter or digit (DNS-1123 label).
            - match.host: "a.com`) || PathPrefix(`/" is not a valid host name (RFC 1123): use letters, digits, '-' and '.' only, optionally starting with '*.'; internationalised names must be written in punycode (xn--…).
            - entryPoints[0]: "web secure" is not a valid entry point name: use letters, digits, '-' and '_' (at most 63).
            - middlewares[0]: Middleware prod/missing does not exist; Traefik disables a router whose middleware is missing. Create the middleware first, or reference one from another provider as name@provider.
            - backends[0].weight: must be 0 or more (got -1); weights are relative, 0 sends no traffic.
            - backends[1].port: 0 is not a valid port: use a number from 1 to 65535 or the port's name.
            - backends[1].service: "api" is listed twice; give each backend once.
            """.ReplaceLineEndings("\n"),
            e.Message);
    }

    [Fact]
    public void Upsert_AllZeroWeights_IsRejected()
    {
        var e = Assert.Throws<ManifestException>(() => WeightedRoutes.Upsert(ManifestSet.Empty, "default", "hello-world-route", HelloWorld(0, 0)));
        Assert.Equal("backends: the weights add up to 0, so no backend would receive traffic; give at least one backend a weight above 0.", Assert.Single(e.Problems).ToString());
    }

    [Fact]
    public void UpdateWeights_95To5_ChangesOnlyTheWeights()
    {
        var created = WeightedRoutes.Upsert(ManifestSet.Empty, "default", "hello-world-route", HelloWorld());

        var result = WeightedRoutes.UpdateWeights(created.Objects, "default", "hello-world-route", new WeightsIntent { Weights = [new BackendWeight { Service = "hello-world-stable", Weight = 95 }, new BackendWeight { Service = "hello-world-canary", Weight = 5 }] });

        SchemaAssert.Valid(result.Objects);
        var change = Assert.Single(result.Changes);
        Assert.Equal(new ObjectKey("TraefikService", "default", "hello-world-route-wrr"), change.Key);
        Assert.Equal([95m, 5m], result.Outcome.Backends.Select(b => b.Percent));
        var before = ManifestYaml.Render(change.Before!).Split('\n');
        var after = ManifestYaml.Render(change.After!).Split('\n');
        Assert.Equal(2, before.Zip(after).Count(p => p.First != p.Second));
    }

    [Fact]
    public void UpdateWeights_SameWeights_IsNoOp()
    {
        var created = WeightedRoutes.Upsert(ManifestSet.Empty, "default", "hello-world-route", HelloWorld(95, 5));
        var result = WeightedRoutes.UpdateWeights(created.Objects, "default", "hello-world-route", new WeightsIntent { Weights = [new BackendWeight { Service = "hello-world-stable", Weight = 95 }] });
        Assert.True(result.IsNoOp);
        Assert.Same(created.Objects.Single(o => o.Kind == "TraefikService"), result.Objects.Single(o => o.Kind == "TraefikService"));
    }

    [Fact]
    public void UpdateWeights_NewService_AddsACanaryToASingleBackendRoute()
    {
        var single = WeightedRoutes.Upsert(ManifestSet.Empty, "default", "hello-world-route", HelloWorld() with { Backends = [new WeightedBackend { Service = "hello-world-stable", Weight = 100 }] });

        var result = WeightedRoutes.UpdateWeights(single.Objects, "default", "hello-world-route", new WeightsIntent { Weights = [new BackendWeight { Service = "hello-world-stable", Weight = 90 }, new BackendWeight { Service = "hello-world-canary", Weight = 10, Port = 8080 }] });

        Assert.Equal([("hello-world-stable", "80", 90m), ("hello-world-canary", "8080", 10m)], result.Outcome.Backends.Select(b => (b.Service, b.Port!, b.Percent)));
        SchemaAssert.Valid(result.Objects);
    }

    [Fact]
    public void UpdateWeights_KeepsFieldsThisLibraryDoesNotModel()
    {
        var objects = ManifestSet.From(ManifestYaml.Parse("""
            apiVersion: traefik.io/v1alpha1
            kind: TraefikService
            metadata:
              name: api-wrr
              namespace: prod
              annotations: {team: payments}
            spec:
              weighted:
                services:
                  - name: api-stable
                    port: 80
                    weight: 100
                    passiveHealthCheck: {maxFailedAttempts: 3}
                  - name: api-canary
                    port: 80
                    weight: 0
            """));

        var result = WeightedRoutes.UpdateWeights(objects, "prod", "api", new WeightsIntent { Weights = [new BackendWeight { Service = "api-canary", Weight = 20 }] });

        var yaml = ManifestYaml.Render(result.Objects.Single());
        Assert.Contains("passiveHealthCheck:\n          maxFailedAttempts: 3\n", yaml, StringComparison.Ordinal);
        Assert.Contains("team: payments", yaml, StringComparison.Ordinal);
        Assert.Equal([100, 20], result.Outcome.Backends.Select(b => b.Weight));
    }

    [Fact]
    public void UpdateWeights_MissingRoute_SaysToCreateItFirst()
    {
        var e = Assert.Throws<ManifestException>(() => WeightedRoutes.UpdateWeights(ManifestSet.Empty, "default", "nope", new WeightsIntent { Weights = [new BackendWeight { Service = "a", Weight = 1 }] }));
        Assert.Equal("routeName: the weighted route default/nope does not exist: TraefikService nope-wrr was not found. Create the route first.", e.Message);
    }

    [Fact]
    public void Delete_RemovesOwnedObjectsButNeverServicesOrSharedMiddlewares()
    {
        var objects = ManifestSet.From(ManifestYaml.Parse("""
            apiVersion: traefik.io/v1alpha1
            kind: Middleware
            metadata: {name: shared, namespace: default}
            spec: {stripPrefix: {prefixes: [/api]}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: hello-world-stable, namespace: default}
            spec: {ports: [{port: 80}]}
            """));
        var created = WeightedRoutes.Upsert(objects, "default", "hello-world-route", HelloWorld() with { Middlewares = ["shared"] });

        var result = WeightedRoutes.Delete(created.Objects, "default", "hello-world-route");

        Assert.Equal(["IngressRoute default/hello-world-route", "TraefikService default/hello-world-route-wrr"], result.Outcome.Deleted.Select(k => k.ToString()));
        Assert.Equal(["Middleware default/shared", "Service default/hello-world-stable"], result.Objects.Select(o => o.Key.ToString()));
    }

    [Fact]
    public void Delete_WrrStillUsedByAnotherRoute_IsRefused()
    {
        var created = WeightedRoutes.Upsert(ManifestSet.Empty, "default", "hello-world-route", HelloWorld());
        var other = SimpleRoutes.Upsert(created.Objects, "default", "other", new SimpleRouteIntent
        {
            Rules = [new SimpleRule { Rule = "Host(`other.example.com`)", Services = [new SimpleService { Name = "x" }] }],
        }).Objects;
        var route = other.Find<IngressRoute>("IngressRoute", "default", "other")!;
        other = other.Set(route with { Spec = route.Spec with { Routes = [route.Spec.Routes[0] with { Services = [new ServiceReference { Kind = "TraefikService", Name = "hello-world-route-wrr" }] }] } });

        var e = Assert.Throws<ManifestException>(() => WeightedRoutes.Delete(other, "default", "hello-world-route"));

        Assert.Equal("IngressRoute default/other spec.routes[0].services[0]: still points at TraefikService default/hello-world-route-wrr; deleting it would send that traffic nowhere. Repoint or delete IngressRoute default/other first.", Assert.Single(e.Problems).ToString());
    }

    [Fact]
    public void EnsureBackend_WritesOnlyTheWrrAndKeepsStickiness()
    {
        var first = WeightedRoutes.EnsureBackend(ManifestSet.Empty, "default", "hello-world-route", new WeightedBackendsIntent { Backends = [new WeightedBackend { Service = "hello-world-stable", Weight = 100 }] });
        var wrr = first.Objects.OfType<TraefikService>().Single();
        var sticky = new StickySpec { Cookie = new StickyCookie { Name = "srv" } };
        var withSticky = first.Objects.Set(wrr with { Spec = wrr.Spec with { Weighted = wrr.Spec.Weighted! with { Services = [wrr.Spec.Weighted.Services![0] with { Sticky = sticky }] } } });

        var second = WeightedRoutes.EnsureBackend(withSticky, "default", "hello-world-route", new WeightedBackendsIntent { Backends = [new WeightedBackend { Service = "hello-world-stable", Weight = 90 }, new WeightedBackend { Service = "hello-world-canary", Weight = 10 }] });

        Assert.Equal(["TraefikService default/hello-world-route-wrr"], first.Changes.Select(c => c.Key.ToString()));
        Assert.DoesNotContain(second.Objects, o => o is IngressRoute);
        Assert.Equal("srv", second.Objects.OfType<TraefikService>().Single().Spec.Weighted!.Services![0].Sticky!.Cookie!.Name);
        Assert.Equal([90m, 10m], second.Outcome.Backends.Select(b => b.Percent));
        SchemaAssert.Valid(second.Objects);
    }

    [Fact]
    public void Upsert_RoundTrip_IsByteStable()
    {
        var yaml = ManifestYaml.Render(WeightedRoutes.Upsert(ManifestSet.Empty, "default", "hello-world-route", HelloWorld(95, 5)).Objects);
        Assert.Equal(yaml, ManifestYaml.Render(ManifestYaml.Parse(yaml)));
    }

    [Fact]
    public void Upsert_TlsOnThePlainHttpEntryPoint_IsRefusedAndTlsDefaultsToWebsecure()
    {
        var e = Assert.Throws<ManifestException>(() => WeightedRoutes.Upsert(ManifestSet.Empty, "default", "hello-world-route", HelloWorld() with { Tls = new TlsSettings { SecretName = "hello-tls" }, EntryPoints = ["web"] }));
        var defaulted = WeightedRoutes.Upsert(ManifestSet.Empty, "default", "hello-world-route", HelloWorld() with { Tls = new TlsSettings { SecretName = "hello-tls" } });

        Assert.Equal(
            "entryPoints[0]: web is the plain-HTTP entry point web; a TLS route there never receives HTTPS requests. Use websecure (the default with TLS), or turn TLS off; to redirect plain HTTP to HTTPS, give web a route of its own with a redirectScheme middleware.",
            Assert.Single(e.Problems).ToString());
        SchemaAssert.Valid(defaulted.Objects);
        Assert.Equal(["websecure"], defaulted.Objects.OfType<IngressRoute>().Single().Spec.EntryPoints!);
    }

    [Fact]
    public void Upsert_ObjectOfTheSameNameNotWrittenByThisLibrary_IsRefused()
    {
        var foreign = ManifestSet.From(ManifestYaml.Parse("""
            apiVersion: example.com/v1
            kind: TraefikService
            metadata: {name: hello-world-route-wrr, namespace: default}
            spec: {owner: someone-else}
            """));

        var e = Assert.Throws<ManifestException>(() => WeightedRoutes.Upsert(foreign, "default", "hello-world-route", HelloWorld()));

        Assert.Equal(
            "backends: TraefikService default/hello-world-route-wrr exists with apiVersion example.com/v1, which this library does not write; it was not made by this library, so it is not overwritten. Change it by hand, delete it first, or choose another name.",
            e.Message);
    }

    [Fact]
    public void Upsert_Again_KeepsEveryOptionOfABackendOfTheSameService()
    {
        var objects = ManifestSet.From(ManifestYaml.Parse("""
            apiVersion: traefik.io/v1alpha1
            kind: TraefikService
            metadata: {name: hello-world-route-wrr, namespace: default}
            spec:
              weighted:
                services:
                  - name: hello-world-stable
                    port: 80
                    weight: 100
                    strategy: p2c
                    passHostHeader: false
                    responseForwarding: {flushInterval: 1s}
                    sticky: {cookie: {name: srv}}
            """));

        var result = WeightedRoutes.Upsert(objects, "default", "hello-world-route", HelloWorld(90, 10));

        SchemaAssert.Valid(result.Objects);
        var stable = result.Objects.Find<TraefikService>("TraefikService", "default", "hello-world-route-wrr")!.Spec.Weighted!.Services![0];
        Assert.Equal(("p2c", false, "srv", 90), (stable.Strategy, stable.PassHostHeader, stable.Sticky?.Cookie?.Name, stable.Weight));
        Assert.True(stable.AdditionalFields.ContainsKey("responseForwarding"));
    }
}
