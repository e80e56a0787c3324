using Traefik.Manifests.Mirroring;
using Traefik.Manifests.Model;
using Traefik.Manifests.Reading;
using Traefik.Manifests.Routing;

namespace Traefik.Manifests.Tests.Reading;

public sealed class RouteReaderTests
{
    private static ManifestSet Objects()
    {
        var weighted = WeightedRoutes.Upsert(ManifestSet.Empty, "production", "api-service-route", new WeightedRouteIntent
        {
            Match = new RouteMatch { Host = "api.example.com" },
            Backends = [new WeightedBackend { Service = "api-service-stable", Weight = 50 }, new WeightedBackend { Service = "api-service-canary", Weight = 50 }],
            Tls = new TlsSettings { SecretName = "api-tls" },
        }).Objects;
        return SimpleRoutes.Upsert(weighted, "default", "hello-preview", new SimpleRouteIntent
        {
            Rules = [new SimpleRule { Rule = "Host(preview.example.com)", Services = [new SimpleService { Name = "preview-v1" }] }],
        }).Objects;
    }

    [Fact]
    public void Routes_RecognisesWeightedAndSimpleRoutes()
    {
        var routes = RouteReader.Routes(Objects());

        Assert.Equal([("default", "hello-preview", RouteKind.Simple), ("production", "api-service-route", RouteKind.Weighted)], routes.Select(r => (r.Namespace, r.Name, r.Kind)));
        var weighted = routes[1];
        Assert.Equal("api-service-route-wrr", weighted.TraefikService);
        Assert.Equal([50m, 50m], weighted.WeightedSplit!.Select(b => b.Percent));
        Assert.Equal(("api-tls", true), (weighted.TlsSecretName, weighted.Tls));
        Assert.Equal("Host(`preview.example.com`)", routes[0].Rules[0].Match);
    }

    [Fact]
    public void Route_AfterAttachingMirror_IsMirroredAndKeepsTheSplitVisible()
    {
        var objects = Mirrors.Enable(Objects(), "production", "api-service-route", new MirrorIntent
        {
            MainService = "api-service-stable",
            MirrorService = "api-service-canary",
            AttachToIngress = true,
        }).Objects;

        var route = RouteReader.Route(objects, "production", "api-service-route")!;

        Assert.Equal(RouteKind.Mirrored, route.Kind);
        Assert.Equal("api-service-route-mirror", route.TraefikService);
        Assert.Equal(MirrorStatus.Active, route.Mirror!.Status);
        Assert.Equal("api-service-stable", route.Mirror.Main);
        Assert.NotNull(route.WeightedSplit);
    }

    [Fact]
    public void Route_Missing_IsNull() => Assert.Null(RouteReader.Route(ManifestSet.Empty, "default", "nope"));
}
