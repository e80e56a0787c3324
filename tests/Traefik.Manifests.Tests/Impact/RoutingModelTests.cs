using Traefik.Manifests.Impact;
using Traefik.Manifests.Model;
using Traefik.Manifests.Tests.Support;

namespace Traefik.Manifests.Tests.Impact;

/// <summary>The effective routing model on hand-built object graphs: shares, copies, options, problems.</summary>
public sealed class RoutingModelTests
{
    /// <summary>Parses manifests, checks them against the CRDs, and returns them as a set.</summary>
    internal static ManifestSet Objects(string yaml)
    {
        var objects = ManifestYaml.Parse(yaml);
        SchemaAssert.Valid(objects);
        return ManifestSet.From(objects);
    }

    internal static string Backends(EffectiveRouter router) =>
        string.Join(", ", router.Backends.Select(b => $"{b.Namespace}/{b.Service}:{b.Port}={b.Share}{(b.Fallback ? " fallback" : string.Empty)}{(b.External ? " external" : string.Empty)}"));

    internal static string Mirrors(EffectiveRouter router) =>
        string.Join(", ", router.Mirrors.Select(m => $"{m.Namespace}/{m.Service}:{m.Port}={m.Percent}"));

    private static EffectiveRouter Only(ManifestSet objects, string route = "web") =>
        Assert.Single(RoutingModel.RoutersOf(objects, new ObjectKey("IngressRoute", "apps", route)));

    private const string Route = """
        apiVersion: traefik.io/v1alpha1
        kind: IngressRoute
        metadata: {name: web, namespace: apps}
        spec:
          entryPoints: [websecure]
          tls: {secretName: web-tls}
          routes:
            - kind: Rule
              match: Host(`web.example.com`)
              middlewares: [{name: limit}]
              services: [{kind: TraefikService, name: shadow}]
        ---
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata: {name: limit, namespace: apps}
        spec: {rateLimit: {average: 100, burst: 200}}
        ---
        """;

    [Fact]
    public void RoutersOf_WeightedNestedInMirroring_SharesAreProductsAndMirrorsAreCopies()
    {
        var objects = Objects(Route + "\n" + """
            apiVersion: traefik.io/v1alpha1
            kind: TraefikService
            metadata: {name: shadow, namespace: apps}
            spec:
              mirroring:
                kind: TraefikService
                name: split
                mirrors:
                  - {name: v3, port: 8080, percent: 20}
            ---
            apiVersion: traefik.io/v1alpha1
            kind: TraefikService
            metadata: {name: split, namespace: apps}
            spec:
              weighted:
                services:
                  - {name: v1, port: 80, weight: 3, serversTransport: tls, passHostHeader: false}
                  - {name: v2, port: 80}
                  - {name: v0, port: 80, weight: 0}
            ---
            apiVersion: traefik.io/v1alpha1
            kind: ServersTransport
            metadata: {name: tls, namespace: apps}
            spec: {serverName: v1.internal}
            """);

        var router = Only(objects);

        Assert.Equal("apps/web#0", router.Id);
        Assert.Equal("apps/v1:80=75, apps/v2:80=25, apps/v0:80=0", Backends(router));
        Assert.Equal("apps/v3:8080=20", Mirrors(router));
        Assert.Equal(["passHostHeader=false", "serversTransport=\"tls\""], router.Backends[0].Options.Select(o => $"{o.Key}={o.Value}"));
        Assert.Empty(router.Backends[1].Options);
        Assert.Equal(["websecure"], router.EntryPoints!);
        Assert.Equal("TLS (secret web-tls)", router.Tls!.ToString());
        Assert.Equal("apps/limit (rateLimit: 100 requests per 1s, burst 200)", Assert.Single(router.Middlewares).ToString());
        Assert.Empty(router.Problems);
        Assert.Contains(new ObjectKey("ServersTransport", "apps", "tls"), router.Closure);
        Assert.Contains(new ObjectKey("TraefikService", "apps", "split"), router.Closure);
        Assert.Contains(new ObjectKey("Service", "apps", "v3"), router.Closure);
    }

    [Fact]
    public void RoutersOf_MirroringNestedInWeighted_CopiesFollowTheWeightOfTheirBranch()
    {
        var objects = Objects(Route + "\n" + """
            apiVersion: traefik.io/v1alpha1
            kind: TraefikService
            metadata: {name: shadow, namespace: apps}
            spec:
              weighted:
                services:
                  - {kind: TraefikService, name: mirrored, weight: 3}
                  - {name: d, port: 80, weight: 1}
            ---
            apiVersion: traefik.io/v1alpha1
            kind: TraefikService
            metadata: {name: mirrored, namespace: apps}
            spec:
              mirroring:
                name: e
                port: 80
                mirrors:
                  - {name: f, port: 80, percent: 50}
            """);

        var router = Only(objects);

        Assert.Equal("apps/e:80=75, apps/d:80=25", Backends(router));
        Assert.Equal("apps/f:80=37.5", Mirrors(router));
    }

    [Fact]
    public void RoutersOf_MultipleRules_EachRuleHasItsOwnSplitAndASingleServiceGetsEverything()
    {
        var objects = Objects("""
            apiVersion: traefik.io/v1alpha1
            kind: IngressRoute
            metadata: {name: web, namespace: apps}
            spec:
              routes:
                - match: Host(`a.example.com`)
                  services:
                    - {name: a1, port: 80, weight: 3}
                    - {name: a2, port: http}
                - match: Host(`b.example.com`)
                  priority: 10
                  services:
                    - {name: b, port: 80, weight: 0}
            """);

        var routers = RoutingModel.RoutersOf(objects, new ObjectKey("IngressRoute", "apps", "web"));

        Assert.Equal(["apps/web#0", "apps/web#1"], routers.Select(r => r.Id));
        Assert.Equal("apps/a1:80=75, apps/a2:http=25", Backends(routers[0]));
        Assert.Equal("apps/b:80=100", Backends(routers[1]));
        Assert.Equal(10, routers[1].Priority);
        Assert.Null(routers[0].EntryPoints);
        Assert.Null(routers[0].Tls);
    }

    [Fact]
    public void RoutersOf_Tcp_SplitsConnectionsByWeightWithPassthroughAndMiddlewares()
    {
        var objects = Objects("""
            apiVersion: traefik.io/v1alpha1
            kind: IngressRouteTCP
            metadata: {name: db, namespace: data}
            spec:
              entryPoints: [postgres]
              tls: {passthrough: true}
              routes:
                - match: HostSNI(`db.example.com`)
                  middlewares: [{name: office}]
                  services:
                    - {name: primary, port: 5432, weight: 3, terminationDelay: 200}
                    - {name: replica, port: 5432}
            ---
            apiVersion: traefik.io/v1alpha1
            kind: MiddlewareTCP
            metadata: {name: office, namespace: data}
            spec: {ipAllowList: {sourceRange: [10.0.0.0/8]}}
            """);

        var router = Assert.Single(RoutingModel.RoutersOf(objects, new ObjectKey("IngressRouteTCP", "data", "db")));

        Assert.Equal(("tcp:data/db#0", RouterProtocol.Tcp), (router.Id, router.Protocol));
        Assert.Equal("data/primary:5432=75, data/replica:5432=25", Backends(router));
        Assert.Equal("terminationDelay=200", Assert.Single(router.Backends[0].Options).Key + "=" + router.Backends[0].Options["terminationDelay"]);
        Assert.True(router.Tls!.Passthrough);
        Assert.Equal("data/office (allow 10.0.0.0/8)", Assert.Single(router.Middlewares).ToString());
        Assert.Empty(router.Problems);
    }

    [Fact]
    public void RoutersOf_FailoverAndHighestRandomWeight_MainKeepsTheShareAndTheFallbackIsShown()
    {
        var objects = Objects(Route + "\n" + """
            apiVersion: traefik.io/v1alpha1
            kind: TraefikService
            metadata: {name: shadow, namespace: apps}
            spec:
              failover:
                service: {kind: TraefikService, name: hashed}
                fallback: {name: static, port: 80}
                errors: {status: ["500-599"]}
            ---
            apiVersion: traefik.io/v1alpha1
            kind: TraefikService
            metadata: {name: hashed, namespace: apps}
            spec:
              highestRandomWeight:
                services:
                  - {name: h1, port: 80, weight: 1}
                  - {name: h2, port: 80, weight: 3}
            """);

        var router = Only(objects);

        Assert.Equal("apps/h1:80=25, apps/h2:80=75, apps/static:80=0 fallback", Backends(router));
        Assert.Empty(router.Problems);
    }

    [Fact]
    public void RoutersOf_AllWeightsZero_ListsTheBackendsAtZeroAndReports503()
    {
        var objects = Objects(Route + "\n" + """
            apiVersion: traefik.io/v1alpha1
            kind: TraefikService
            metadata: {name: shadow, namespace: apps}
            spec:
              weighted:
                services:
                  - {name: a, port: 80, weight: 0}
                  - {name: b, port: 80, weight: 0}
            """);

        var router = Only(objects);

        Assert.Equal("apps/a:80=0, apps/b:80=0", Backends(router));
        Assert.Equal(["Every weight of TraefikService apps/shadow is 0, so no service is in the pool and Traefik answers 503 to every request."], router.Problems);
        Assert.True(router.Fails);
    }

    [Fact]
    public void RoutersOf_Cycle_TerminatesAndIsReported()
    {
        var objects = Objects(Route + "\n" + """
            apiVersion: traefik.io/v1alpha1
            kind: TraefikService
            metadata: {name: shadow, namespace: apps}
            spec:
              weighted:
                services:
                  - {kind: TraefikService, name: loop}
                  - {name: ok, port: 80}
            ---
            apiVersion: traefik.io/v1alpha1
            kind: TraefikService
            metadata: {name: loop, namespace: apps}
            spec:
              mirroring: {kind: TraefikService, name: shadow}
            """);

        var router = Only(objects);

        Assert.Equal(["TraefikService apps/shadow leads back to itself (shadow -> loop -> shadow); Traefik detects the recursion and disables the router."], router.Problems);
        Assert.Equal("apps/ok:80=50", Backends(router));
    }

    [Fact]
    public void RoutersOf_NestingDeeperThanTheBound_StopsAndIsReported()
    {
        var chain = string.Join("---\n", Enumerable.Range(0, RoutingModel.MaxDepth + 2).Select(i => $$"""
            apiVersion: traefik.io/v1alpha1
            kind: TraefikService
            metadata: {name: {{(i == 0 ? "shadow" : $"t{i}")}}, namespace: apps}
            spec:
              weighted:
                services: [{kind: TraefikService, name: t{{i + 1}}}]

            """));

        var router = Only(Objects(Route + "\n" + chain));

        Assert.Equal([$"TraefikServices nest more than {RoutingModel.MaxDepth} deep at apps/t{RoutingModel.MaxDepth}; this model stops there."], router.Problems);
        Assert.Empty(router.Backends);
    }

    [Fact]
    public void RoutersOf_DanglingReferences_DisableTheRouter()
    {
        var objects = Objects("""
            apiVersion: traefik.io/v1alpha1
            kind: IngressRoute
            metadata: {name: web, namespace: apps}
            spec:
              routes:
                - match: Host(`web.example.com`)
                  middlewares: [{name: gone}]
                  services:
                    - {kind: TraefikService, name: missing}
                    - {name: a, port: 80, serversTransport: nowhere}
            """);

        var router = Only(objects);

        Assert.Equal(
            [
                "Middleware apps/gone does not exist; Traefik disables the router.",
                "TraefikService apps/missing does not exist; Traefik disables the router.",
                "ServersTransport apps/nowhere (used by Service apps/a) does not exist; Traefik cannot build that service, so it disables the router.",
            ],
            router.Problems);
    }

    [Fact]
    public void RoutersOf_CrossNamespaceAndOtherProviders_AreNotedAndOtherProvidersAreTerminal()
    {
        var objects = Objects("""
            apiVersion: traefik.io/v1alpha1
            kind: IngressRoute
            metadata: {name: web, namespace: apps}
            spec:
              routes:
                - match: Host(`web.example.com`)
                  middlewares: [{name: auth@file}]
                  services:
                    - {name: shared, namespace: platform, port: 80}
                    - {kind: TraefikService, name: legacy@file}
            """);

        var router = Only(objects);

        Assert.Equal("platform/shared:80=50, apps/legacy@file:=50 external", Backends(router));
        Assert.Equal(
            [
                "Middleware auth@file belongs to another provider; it is not in this repository.",
                "Service platform/shared is in another namespace than the object that refers to it (apps); Traefik follows the reference only when its Kubernetes CRD provider runs with allowCrossNamespace=true.",
                "TraefikService legacy@file belongs to another provider; what it does is not in this repository.",
            ],
            router.Notes);
        Assert.Empty(router.Problems);
    }

    [Fact]
    public void RoutersReaching_AService_FindsOnlyTheRoutersThatUseIt()
    {
        var objects = Objects("""
            apiVersion: traefik.io/v1alpha1
            kind: IngressRoute
            metadata: {name: one, namespace: apps}
            spec:
              routes:
                - {match: Host(`one.example.com`), services: [{kind: TraefikService, name: one-wrr}]}
                - {match: Host(`other.example.com`), services: [{name: other, port: 80}]}
            ---
            apiVersion: traefik.io/v1alpha1
            kind: TraefikService
            metadata: {name: one-wrr, namespace: apps}
            spec: {weighted: {services: [{name: shared, port: 80}]}}
            ---
            apiVersion: traefik.io/v1alpha1
            kind: IngressRoute
            metadata: {name: two, namespace: apps}
            spec:
              routes:
                - {match: Host(`two.example.com`), services: [{name: shared, port: 80}]}
            ---
            apiVersion: traefik.io/v1alpha1
            kind: IngressRoute
            metadata: {name: three, namespace: apps}
            spec:
              routes:
                - {match: Host(`three.example.com`), services: [{name: unrelated, port: 80}]}
            """);

        var routers = RoutingModel.RoutersReaching(objects, new ObjectKey("Service", "apps", "shared"));

        Assert.Equal(["apps/one#0", "apps/two#0"], routers.Select(r => r.Id));
        Assert.Equal(4, RoutingModel.Routers(objects).Count);
    }
}
