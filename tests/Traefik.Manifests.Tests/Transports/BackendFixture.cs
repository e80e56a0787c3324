using k8s.Models;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Tests.Transports;

/// <summary>
/// Routes built directly as records, the way the routing operations write them: a simple IngressRoute,
/// a weighted route (IngressRoute + TraefikService), a mirroring TraefikService, a route in another
/// namespace that reaches into <c>default</c>, and the core Services behind them.
/// </summary>
internal static class BackendFixture
{
    public static V1ObjectMeta Meta(string name, string @namespace = "default") => new() { Name = name, NamespaceProperty = @namespace };

    public static ServiceReference Service(string name, int port = 80, int? weight = null, string? @namespace = null) =>
        new() { Name = name, Port = port, Weight = weight, Namespace = @namespace };

    public static ServiceReference TraefikServiceRef(string name) => new() { Kind = TraefikApi.TraefikServiceKind, Name = name };

    public static IngressRoute Route(string name, string host, string @namespace = "default", params ServiceReference[] services) => new()
    {
        ApiVersion = TraefikApi.Version,
        Kind = TraefikApi.IngressRouteKind,
        Metadata = Meta(name, @namespace),
        Spec = new IngressRouteSpec
        {
            EntryPoints = ["web"],
            Routes = [new RouteRule { Kind = "Rule", Match = $"Host(`{host}`)", Services = [.. services] }],
        },
    };

    public static TraefikService Weighted(string name, params ServiceReference[] services) => new()
    {
        ApiVersion = TraefikApi.Version,
        Kind = TraefikApi.TraefikServiceKind,
        Metadata = Meta(name),
        Spec = new TraefikServiceSpec { Weighted = new WeightedSpec { Services = [.. services] } },
    };

    public static TraefikService Mirroring(string name, string main, string mirror) => new()
    {
        ApiVersion = TraefikApi.Version,
        Kind = TraefikApi.TraefikServiceKind,
        Metadata = Meta(name),
        Spec = new TraefikServiceSpec
        {
            Mirroring = new MirroringSpec { Name = main, Port = 80, Mirrors = [new MirrorTarget { Name = mirror, Port = 80, Percent = 20 }] },
        },
    };

    public static CoreService CoreService(string name, string @namespace = "default") => new()
    {
        ApiVersion = "v1",
        Kind = TraefikApi.ServiceKind,
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = @namespace, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = name }, Ports = [new V1ServicePort { Name = "http", Port = 80 }] },
    };

    /// <summary>
    /// <c>hello-world</c> (simple route to Service hello-world), <c>shop</c> (weighted: shop-stable 90,
    /// shop-canary 10, plus an unrelated TraefikService child), <c>shop-shadow</c> (mirroring shop-stable
    /// to shop-canary), <c>partner</c> in namespace <c>partners</c> reaching shop-stable in <c>default</c>,
    /// and a <c>shop-stable</c> Service in <c>partners</c> that must never be touched.
    /// </summary>
    public static ManifestSet Shop() => ManifestSet.From(
    [
        Route("hello-world", "hello-world.example.com", "default", Service("hello-world")),
        CoreService("hello-world"),
        Route("shop", "shop.example.com", "default", TraefikServiceRef("shop-wrr")),
        Weighted("shop-wrr", Service("shop-stable", weight: 90), Service("shop-canary", weight: 10), TraefikServiceRef("legacy-wrr") with { Weight = 0 }),
        Mirroring("shop-shadow", "shop-stable", "shop-canary"),
        CoreService("shop-stable"),
        Route("partner", "partner.example.com", "partners", Service("shop-stable", @namespace: "default"), Service("shop-stable", 8080)),
    ]);
}
