using Snapshooter.Xunit;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Tests.Support;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Tests.Routing;

public sealed class SimpleRoutesTests
{
    private static SimpleRouteIntent Preview(params SimpleRule[] rules) => new()
    {
        EntryPoints = ["web"],
        Rules = rules.Length > 0 ? [.. rules] : [new SimpleRule { Rule = "Host(preview.example.com)", Services = [new SimpleService { Name = "preview-v1", Port = 80 }] }],
    };

    [Fact]
    public void Upsert_SeedScenarioD_NormalisesTheRuleAndPointsAtTheService()
    {
        var result = SimpleRoutes.Upsert(ManifestSet.Empty, "default", "hello-preview", Preview());

        SchemaAssert.Valid(result.Objects);
        Assert.True(result.Outcome.Created);
        Assert.Equal("Host(`preview.example.com`)", result.Outcome.Rules[0].Match);
        Snapshot.Match(ManifestYaml.Render(result.Objects));
    }

    [Fact]
    public void Upsert_MultipleRules_KeepsTheirOrderAndPriorities()
    {
        var result = SimpleRoutes.Upsert(ManifestSet.Empty, "default", "hello-preview", Preview(
            new SimpleRule { Rule = "Host(`preview.example.com`) && PathPrefix(`/api`)", Priority = 100, Services = [new SimpleService { Name = "preview-api", Port = "http" }] },
            new SimpleRule { Match = new RouteMatch { Host = "preview.example.com" }, Services = [new SimpleService { Name = "preview-v1", Weight = 3 }, new SimpleService { Name = "preview-v2", Weight = 1 }] }));

        SchemaAssert.Valid(result.Objects);
        Assert.Equal(["preview-api:http"], result.Outcome.Rules[0].Services);
        Assert.Equal(["preview-v1:80", "preview-v2:80"], result.Outcome.Rules[1].Services);
        Snapshot.Match(ManifestYaml.Render(result.Objects));
    }

    [Fact]
    public void Upsert_AgainWithoutTls_RemovesTlsAndKeepsStickiness()
    {
        var first = SimpleRoutes.Upsert(ManifestSet.Empty, "default", "hello-preview", Preview() with { Tls = new TlsSettings { SecretName = "preview-tls" }, EntryPoints = ["websecure"] }).Objects;
        var route = first.OfType<IngressRoute>().Single();
        var sticky = new StickySpec { Cookie = new StickyCookie { Name = "srv" } };
        first = first.Set(route with { Spec = route.Spec with { Routes = [route.Spec.Routes[0] with { Services = [route.Spec.Routes[0].Services![0] with { Sticky = sticky }] }] } });

        var result = SimpleRoutes.Upsert(first, "default", "hello-preview", Preview());

        var updated = result.Objects.OfType<IngressRoute>().Single();
        Assert.Null(updated.Spec.Tls);
        Assert.Equal(["web"], updated.Spec.EntryPoints!);
        Assert.Equal("srv", updated.Spec.Routes[0].Services![0].Sticky!.Cookie!.Name);
        Assert.Equal(ChangeType.Updated, Assert.Single(result.Changes).Type);
    }

    [Fact]
    public void Upsert_RawRuleWithUnknownMatcherOrInjection_IsRejected()
    {
        var e = Assert.Throws<ManifestException>(() => SimpleRoutes.Upsert(ManifestSet.Empty, "default", "hello-preview", Preview(
            new SimpleRule { Rule = "Hots(`a.example.com`)", Services = [new SimpleService { Name = "a" }] },
            new SimpleRule { Rule = "Host(`a.example.com`) && Header(`X-A`, `a`b`)", Services = [new SimpleService { Name = "a" }] })));
        Assert.Equal(
            [
                "rules[0].match: \"Hots\" is not a Traefik v3 matcher; use one of Host, HostRegexp, Method, Path, PathPrefix, PathRegexp, Header, HeaderRegexp, Query, QueryRegexp, ClientIP.",
                "rules[1].match: ')' expected to close Header( at position 43 (near \"b`)\").",
            ],
            e.Problems.Select(p => p.ToString()).ToArray());
    }

    [Fact]
    public void Delete_WeightedRoutesIngressRoute_IsRefused()
    {
        var weighted = WeightedRoutes.Upsert(ManifestSet.Empty, "default", "hello-preview", new WeightedRouteIntent
        {
            Match = new RouteMatch { Host = "a.example.com" },
            Backends = [new WeightedBackend { Service = "a", Weight = 1 }],
        }).Objects;

        var e = Assert.Throws<ManifestException>(() => SimpleRoutes.Delete(weighted, "default", "hello-preview"));
        Assert.Equal("routeName: IngressRoute default/hello-preview belongs to a weighted route (it points at TraefikService hello-preview-wrr); to delete it as a simple route would orphan hello-preview-wrr. Use the weighted route operations instead.", e.Message);
    }

    [Fact]
    public void Delete_SimpleRoute_RemovesOnlyTheIngressRoute()
    {
        var created = SimpleRoutes.Upsert(ManifestSet.Empty, "default", "hello-preview", Preview()).Objects;
        var result = SimpleRoutes.Delete(created, "default", "hello-preview");
        Assert.Empty(result.Objects);
        Assert.Equal(ChangeType.Deleted, Assert.Single(result.Changes).Type);
    }
}
