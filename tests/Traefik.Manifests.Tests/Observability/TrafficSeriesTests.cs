using Traefik.Manifests.Model;
using Traefik.Manifests.Observability;
using Traefik.Manifests.Routing;

namespace Traefik.Manifests.Tests.Observability;

public sealed class TrafficSeriesTests
{
    private static ManifestSet Parse(string yaml) => ManifestSet.From(ManifestYaml.Parse(yaml));

    private static string[] Describe(SplitGroup group) =>
        [.. group.Backends.Select(b => $"{b.Role} {b.Namespace}/{b.Service}:{b.Port} {b.Label} {b.DesiredPercent?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}{(b.MirrorPercent is { } m ? $" copies {m}%" : string.Empty)}{(b.IsPrimary ? " primary" : string.Empty)}")];

    [Fact]
    public void ForRoute_WeightedRoute_LabelsEachServiceByNamespaceNamePort()
    {
        var objects = WeightedRoutes.Upsert(ManifestSet.Empty, "production", "api-service-route", new WeightedRouteIntent
        {
            Match = new RouteMatch { Host = "api.example.com" },
            Backends = [new WeightedBackend { Service = "api-service-stable", Weight = 95 }, new WeightedBackend { Service = "api-service-canary", Weight = 5 }],
        }).Objects;

        var series = TrafficSeries.ForRoute(objects, "production", "api-service-route")!;

        var group = Assert.Single(series.Groups);
        Assert.Equal("production-api-service-route-wrr@kubernetescrd", group.Key);
        Assert.Equal(
            [
                "Serves production/api-service-stable:80 production-api-service-stable-80@kubernetescrd 95 primary",
                "Serves production/api-service-canary:80 production-api-service-canary-80@kubernetescrd 5",
            ],
            Describe(group));
        Assert.Equal(["production/api-service-route-wrr"], group.Backends[0].Via);
        Assert.Empty(series.Notes);
    }

    [Fact]
    public void ForRoute_OnlyServiceOfARule_IsNamedLikeTheRouter()
    {
        var objects = Parse("""
            apiVersion: traefik.io/v1alpha1
            kind: IngressRoute
            metadata:
              name: test.route
              namespace: default
            spec:
              routes:
              - match: Host(`foo.com`) && PathPrefix(`/bar`)
                services:
                - name: whoami
                  port: 80
            """);

        var group = Assert.Single(TrafficSeries.ForRoute(objects, "default", "test.route")!.Groups);

        Assert.Equal("default-test-route-6b204d94623b3df4370c@kubernetescrd", group.Key);
        Assert.Equal(["Serves default/whoami:80 default-test-route-6b204d94623b3df4370c@kubernetescrd 100 primary"], Describe(group));
    }

    [Fact]
    public void ForRoute_TwoServicesInARule_NamespaceNamePortWithRuleWeights()
    {
        var objects = Parse("""
            apiVersion: traefik.io/v1alpha1
            kind: IngressRoute
            metadata:
              name: test.route
              namespace: default
            spec:
              routes:
              - match: Host(`foo.com`) && PathPrefix(`/bar`)
                services:
                - name: whoami
                  port: 80
                  weight: 3
                - name: whoami2
                  namespace: other
                  port: http
            """);

        var group = Assert.Single(TrafficSeries.ForRoute(objects, "default", "test.route")!.Groups);

        Assert.Equal("default-test-route-6b204d94623b3df4370c@kubernetescrd", group.Key);
        Assert.Equal(
            [
                "Serves default/whoami:80 default-whoami-80@kubernetescrd 75 primary",
                "Serves other/whoami2:http other-whoami2-http@kubernetescrd 25",
            ],
            Describe(group));
    }

    [Fact]
    public void ForRoute_MirrorInFrontOfWeighted_ServingBackendsAndTheShadowCopy()
    {
        var objects = Parse("""
            apiVersion: traefik.io/v1alpha1
            kind: IngressRoute
            metadata:
              name: api
              namespace: production
            spec:
              routes:
              - match: Host(`api.example.com`)
                services:
                - kind: TraefikService
                  name: api-mirror
            ---
            apiVersion: traefik.io/v1alpha1
            kind: TraefikService
            metadata:
              name: api-mirror
              namespace: production
            spec:
              mirroring:
                kind: TraefikService
                name: api-wrr
                mirrors:
                - name: api-shadow
                  port: 8080
                  percent: 20
            ---
            apiVersion: traefik.io/v1alpha1
            kind: TraefikService
            metadata:
              name: api-wrr
              namespace: production
            spec:
              weighted:
                services:
                - name: api-canary
                  port: 80
                  weight: 10
                - name: api-stable
                  port: 80
                  weight: 90
            """);

        var group = Assert.Single(TrafficSeries.ForRoute(objects, "production", "api")!.Groups);

        Assert.Equal("production-api-mirror@kubernetescrd", group.Key);
        Assert.Equal(
            [
                "Serves production/api-canary:80 production-api-canary-80@kubernetescrd 10",
                "Serves production/api-stable:80 production-api-stable-80@kubernetescrd 90 primary",
                "Mirror production/api-shadow:8080 production-api-shadow-8080@kubernetescrd - copies 20%",
            ],
            Describe(group));
        Assert.Equal(["production/api-mirror", "production/api-wrr"], group.Backends[0].Via);
    }

    [Fact]
    public void ForRoute_NestedWeighted_MultipliesShares()
    {
        var objects = Parse("""
            apiVersion: traefik.io/v1alpha1
            kind: IngressRoute
            metadata:
              name: web
              namespace: shop
            spec:
              routes:
              - match: Host(`shop.example.com`)
                services:
                - kind: TraefikService
                  name: outer
            ---
            apiVersion: traefik.io/v1alpha1
            kind: TraefikService
            metadata:
              name: outer
              namespace: shop
            spec:
              weighted:
                services:
                - name: a
                  port: 80
                  weight: 1
                - kind: TraefikService
                  name: inner
                  weight: 1
            ---
            apiVersion: traefik.io/v1alpha1
            kind: TraefikService
            metadata:
              name: inner
              namespace: shop
            spec:
              weighted:
                services:
                - name: b
                  port: 80
                  weight: 1
                - name: c
                  port: 80
            """);

        var group = Assert.Single(TrafficSeries.ForRoute(objects, "shop", "web")!.Groups);

        Assert.Equal(
            [
                "Serves shop/a:80 shop-a-80@kubernetescrd 50 primary",
                "Serves shop/b:80 shop-b-80@kubernetescrd 25",
                "Serves shop/c:80 shop-c-80@kubernetescrd 25",
            ],
            Describe(group));
    }

    [Fact]
    public void ForRoute_UnresolvableTargets_SayWhyInNotes()
    {
        var objects = Parse("""
            apiVersion: traefik.io/v1alpha1
            kind: IngressRoute
            metadata:
              name: web
              namespace: shop
            spec:
              routes:
              - match: Host(`a.example.com`)
                services:
                - kind: TraefikService
                  name: missing
              - match: Host(`b.example.com`)
                services:
                - kind: TraefikService
                  name: wrr@file
            """);

        var series = TrafficSeries.ForRoute(objects, "shop", "web")!;

        Assert.Equal(
            [
                "spec.routes[0].services[0]: TraefikService shop/missing is not in the repository, so its backends cannot be mapped to metrics.",
                "spec.routes[1].services[0]: wrr@file is defined outside this repository (TraefikService from another provider), so its backends cannot be mapped to metrics.",
            ],
            series.Notes);
        Assert.All(series.Groups, g => Assert.Empty(g.Backends));
    }

    [Fact]
    public void ForRoute_RulesSharingOneTraefikService_FormOneGroup()
    {
        var objects = WeightedRoutes.Upsert(ManifestSet.Empty, "production", "api", new WeightedRouteIntent
        {
            Match = new RouteMatch { Host = "api.example.com" },
            Backends = [new WeightedBackend { Service = "api-stable", Weight = 100 }],
        }).Objects;
        var route = objects.Find<IngressRoute>(TraefikApi.IngressRouteKind, "production", "api")!;
        objects = objects.Set(route with { Spec = route.Spec with { Routes = route.Spec.Routes.Add(route.Spec.Routes[0] with { Match = "Host(`www.example.com`)" }) } });

        var group = Assert.Single(TrafficSeries.ForRoute(objects, "production", "api")!.Groups);

        Assert.Equal(["Host(`api.example.com`)", "Host(`www.example.com`)"], group.Matches);
    }

    [Fact]
    public void ForRoute_MissingRoute_ReturnsNull()
    {
        Assert.Null(TrafficSeries.ForRoute(ManifestSet.Empty, "production", "nope"));
    }

    [Fact]
    public void ForService_EveryLabelAcrossRoutes()
    {
        var objects = Parse("""
            apiVersion: traefik.io/v1alpha1
            kind: IngressRoute
            metadata:
              name: one
              namespace: default
            spec:
              routes:
              - match: Host(`foo.com`)
                services:
                - name: whoami
                  port: 80
            ---
            apiVersion: traefik.io/v1alpha1
            kind: IngressRoute
            metadata:
              name: two
              namespace: default
            spec:
              routes:
              - match: Host(`bar.com`)
                services:
                - name: whoami
                  port: 80
                - name: other
                  port: 80
            """);

        var labels = TrafficSeries.ForService(objects, "default", "whoami").Select(b => b.Label);

        Assert.Equal(["default-one-6f97418635c7e18853da@kubernetescrd", "default-whoami-80@kubernetescrd"], labels);
        Assert.Empty(TrafficSeries.ForService(objects, "default", "absent"));
    }
}
