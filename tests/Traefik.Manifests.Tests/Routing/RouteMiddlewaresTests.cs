using Snapshooter.Xunit;
using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Model;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Tests.Support;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Tests.Routing;

public sealed class RouteMiddlewaresTests
{
    private const string Objects = """
        apiVersion: traefik.io/v1alpha1
        kind: IngressRoute
        metadata:
          name: api-service-route
          namespace: production
        spec:
          entryPoints:
            - web
          routes:
            - kind: Rule
              match: Host(`api.example.com`) && PathPrefix(`/api`)
              middlewares:
                - name: api-rate-limit
              services:
                - name: api-service-stable
                  port: 80
            - kind: Rule
              match: Host(`api.example.com`)
              services:
                - name: api-service-stable
                  port: 80
        ---
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata: {name: api-rate-limit, namespace: production}
        spec:
          rateLimit: {average: 100, burst: 200, period: 1s}
        ---
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata: {name: api-strip, namespace: production}
        spec:
          stripPrefix: {prefixes: [/api]}
        ---
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata: {name: api-cb, namespace: production}
        spec:
          circuitBreaker: {expression: NetworkErrorRatio() > 0.5}
        ---
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata: {name: sso, namespace: shared}
        spec:
          forwardAuth: {address: 'https://sso.example.com/check'}
        """;

    private static readonly ManifestSet Current = ManifestSet.From(ManifestYaml.Parse(Objects));

    [Fact]
    public void Attach_SeedStripPrefix_AppendsToEveryRuleInOrder()
    {
        var result = RouteMiddlewares.Attach(Current, "production", "api-service-route", new RouteMiddlewaresIntent { Middlewares = ["api-strip", "api-cb"], RuleIndex = null });

        Assert.Equal([0, 1], result.Outcome.RulesUpdated);
        Assert.Equal(["api-strip", "api-cb"], result.Outcome.Added);
        Assert.Empty(result.Outcome.AlreadyPresent);
        Assert.Equal(
            [
                new RuleMiddlewares(0, "Host(`api.example.com`) && PathPrefix(`/api`)", ["api-rate-limit", "api-strip", "api-cb"]),
                new RuleMiddlewares(1, "Host(`api.example.com`)", ["api-strip", "api-cb"]),
            ],
            result.Outcome.Rules,
            RuleComparer.Instance);
        SchemaAssert.Valid(result.Objects);
        Snapshot.Match(ManifestYaml.Render(Assert.Single(result.Changes).After!));
    }

    [Fact]
    public void Attach_Twice_IsIdempotent()
    {
        var first = RouteMiddlewares.Attach(Current, "production", "api-service-route", new RouteMiddlewaresIntent { Middlewares = ["api-strip"] });

        var second = RouteMiddlewares.Attach(first.Objects, "production", "api-service-route", new RouteMiddlewaresIntent { Middlewares = ["api-strip", "production/api-strip"] });

        Assert.True(second.IsNoOp);
        Assert.Same(first.Objects.Single(o => o.Kind == "IngressRoute"), second.Objects.Single(o => o.Kind == "IngressRoute"));
        Assert.Empty(second.Outcome.Added);
        Assert.Equal(["api-strip"], second.Outcome.AlreadyPresent);
        Assert.Empty(second.Outcome.RulesUpdated);
    }

    [Fact]
    public void Attach_PresentOnSomeRules_AddsOnlyWhereMissing()
    {
        var result = RouteMiddlewares.Attach(Current, "production", "api-service-route", new RouteMiddlewaresIntent { Middlewares = ["api-rate-limit"] });

        Assert.Equal([1], result.Outcome.RulesUpdated);
        Assert.Equal(["api-rate-limit"], result.Outcome.Added);
        Assert.Equal(["api-rate-limit"], result.Outcome.Rules[0].Middlewares);
        Assert.Equal(["api-rate-limit"], result.Outcome.Rules[1].Middlewares);
    }

    [Fact]
    public void Attach_RuleIndex_ChangesOnlyThatRule()
    {
        var result = RouteMiddlewares.Attach(Current, "production", "api-service-route", new RouteMiddlewaresIntent { Middlewares = ["api-cb"], RuleIndex = 1 });

        var route = Assert.IsType<IngressRoute>(Assert.Single(result.Changes).After);
        Assert.Equal(["api-rate-limit"], route.Spec.Routes[0].Middlewares!.Select(m => m.Name));
        Assert.Equal(["api-cb"], route.Spec.Routes[1].Middlewares!.Select(m => m.Name));
        var rule = Assert.Single(result.Outcome.Rules);
        Assert.Equal(1, rule.Index);
        Assert.Equal(["api-cb"], rule.Middlewares);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    public void Attach_RuleIndexOutOfRange_NamesTheValidRange(int index)
    {
        var e = Assert.Throws<ManifestException>(() => RouteMiddlewares.Attach(Current, "production", "api-service-route", new RouteMiddlewaresIntent { Middlewares = ["api-cb"], RuleIndex = index }));

        Assert.Equal(
            $"Cannot attach middlewares to IngressRoute production/api-service-route.\n- ruleIndex: {index} is out of range: IngressRoute production/api-service-route has 2 rules, so use 0 to 1, or leave it out for every rule.",
            e.Message);
    }

    [Fact]
    public void Attach_MiddlewareThatExistsNowhere_IsAnError()
    {
        var e = Assert.Throws<ManifestException>(() => RouteMiddlewares.Attach(Current, "production", "api-service-route", new RouteMiddlewaresIntent { Middlewares = ["api-strip", "auth", "shared/auth", "Bad_Name"] }));

        Assert.Equal(
            [
                "middlewares[1]: Middleware production/auth does not exist; Traefik disables a router whose middleware is missing. Create the middleware first, or reference one from another provider as name@provider.",
                "middlewares[2]: Middleware shared/auth does not exist; Traefik disables a router whose middleware is missing. Create the middleware first, or reference one from another provider as name@provider.",
                "middlewares[3]: \"Bad_Name\" is not a valid middleware name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit (DNS-1123 subdomain).",
            ],
            e.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Attach_NameAtProviderAndOtherNamespace_AreWrittenAsTraefikExpects()
    {
        var result = RouteMiddlewares.Attach(Current, "production", "api-service-route", new RouteMiddlewaresIntent { Middlewares = ["auth@file", "shared/sso"], RuleIndex = 1 });

        var route = Assert.IsType<IngressRoute>(Assert.Single(result.Changes).After);
        Assert.Equal(
            [new MiddlewareReference { Name = "auth@file" }, new MiddlewareReference { Name = "sso", Namespace = "shared" }],
            route.Spec.Routes[1].Middlewares!);
        Assert.Equal(["auth@file", "shared/sso"], result.Outcome.Rules[0].Middlewares);
        SchemaAssert.Valid(result.Objects);
    }

    [Fact]
    public void Attach_MissingRoute_ListsTheRoutesThere()
    {
        var e = Assert.Throws<ManifestException>(() => RouteMiddlewares.Attach(Current, "production", "api-route", new RouteMiddlewaresIntent { Middlewares = ["api-strip"] }));

        Assert.Equal("routeName: IngressRoute production/api-route does not exist; IngressRoutes in production: api-service-route.", e.Message);
    }

    [Fact]
    public void Attach_NoMiddlewares_IsAnError()
    {
        var e = Assert.Throws<ManifestException>(() => RouteMiddlewares.Attach(Current, "production", "api-service-route", new RouteMiddlewaresIntent { Middlewares = [] }));

        Assert.Equal("middlewares: name at least one middleware to attach: name, namespace/name or name@provider.", Assert.Single(e.Problems).ToString());
    }

    [Fact]
    public void Detach_KeepsTheOrderOfTheOthers()
    {
        var attached = RouteMiddlewares.Attach(Current, "production", "api-service-route", new RouteMiddlewaresIntent { Middlewares = ["api-strip", "api-cb"] }).Objects;

        var result = RouteMiddlewares.Detach(attached, "production", "api-service-route", new RouteMiddlewaresIntent { Middlewares = ["api-strip", "production/api-strip"] });

        Assert.Equal([0, 1], result.Outcome.RulesUpdated);
        Assert.Equal(["api-strip"], result.Outcome.Removed);
        Assert.Empty(result.Outcome.NotAttached);
        Assert.Equal(["api-rate-limit", "api-cb"], result.Outcome.Rules[0].Middlewares);
        Assert.Equal(["api-cb"], result.Outcome.Rules[1].Middlewares);
    }

    [Fact]
    public void Detach_LastMiddleware_RemovesTheKey()
    {
        var result = RouteMiddlewares.Detach(Current, "production", "api-service-route", new RouteMiddlewaresIntent { Middlewares = ["api-rate-limit"], RuleIndex = 0 });

        var route = Assert.IsType<IngressRoute>(Assert.Single(result.Changes).After);
        Assert.Null(route.Spec.Routes[0].Middlewares);
        Assert.DoesNotContain("middlewares", ManifestYaml.Render(route), StringComparison.Ordinal);
        Assert.Equal([], result.Outcome.Rules[0].Middlewares);
        SchemaAssert.Valid(result.Objects);
    }

    [Fact]
    public void Detach_NotAttached_IsANoOpForThatName()
    {
        var result = RouteMiddlewares.Detach(Current, "production", "api-service-route", new RouteMiddlewaresIntent { Middlewares = ["api-cb", "gone", "auth@file"] });

        Assert.True(result.IsNoOp);
        Assert.Empty(result.Outcome.Removed);
        Assert.Equal(["api-cb", "gone", "auth@file"], result.Outcome.NotAttached);
    }

    [Fact]
    public void Detach_ThenDeleteMiddleware_Succeeds()
    {
        var refused = Assert.Throws<ManifestException>(() => HttpMiddlewares.Delete(Current, "production", "api-rate-limit"));
        Assert.Single(refused.Problems);

        var detached = RouteMiddlewares.Detach(Current, "production", "api-service-route", new RouteMiddlewaresIntent { Middlewares = ["api-rate-limit"] }).Objects;
        var deleted = HttpMiddlewares.Delete(detached, "production", "api-rate-limit");

        Assert.DoesNotContain(deleted.Objects, o => o.Name == "api-rate-limit");
    }

    private sealed class RuleComparer : IEqualityComparer<RuleMiddlewares>
    {
        public static readonly RuleComparer Instance = new();

        public bool Equals(RuleMiddlewares? x, RuleMiddlewares? y) =>
            x is not null && y is not null && x.Index == y.Index && x.Match == y.Match && x.Middlewares.SequenceEqual(y.Middlewares);

        public int GetHashCode(RuleMiddlewares obj) => obj.Index;
    }
}
