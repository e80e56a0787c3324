using Snapshooter.Xunit;
using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Tests.Support;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Tests.Middlewares;

public sealed class HttpMiddlewaresTests
{
    private const string ApiRoute = """
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
              match: Host(`api.example.com`)
              middlewares:
                - name: api-rate-limit
              services:
                - name: api-service-stable
                  port: 80

        """;

    [Fact]
    public void Upsert_RateLimitSeed_WritesMiddlewareWithSummary()
    {
        var result = HttpMiddlewares.Upsert(ManifestSet.Empty, "production", "api-rate-limit", MiddlewareSpecs.RateLimit(average: 100, burst: 200, period: "1s"));

        var change = Assert.Single(result.Changes);
        Assert.Equal(ChangeType.Created, change.Type);
        Assert.Equal(
            new MiddlewareOutcome
            {
                Namespace = "production",
                Name = "api-rate-limit",
                Change = MiddlewareChange.Created,
                Type = "rateLimit",
                Summary = "rateLimit: 100 requests per 1s, burst 200",
            },
            result.Outcome with { UsedBy = [] });
        Assert.Equal(["Middleware production/api-rate-limit is not used by any route yet, so it has no effect: attach it to a route's rules (route middlewares), in namespace production or as production/api-rate-limit from another namespace."], result.Warnings);
        SchemaAssert.Valid(result.Objects);
        Snapshot.Match(ManifestYaml.Render(change.After!));
    }

    [Fact]
    public void Upsert_CircuitBreakerSeed_WritesErrorRateExpressionAnd429()
    {
        var spec = MiddlewareSpecs.CircuitBreaker(triggerType: "error-rate", threshold: 0.3, responseCode: 429);

        var result = HttpMiddlewares.Upsert(ManifestSet.Empty, "production", "api-cb", spec);

        Assert.Equal("circuitBreaker", result.Outcome.Type);
        Assert.Equal("circuitBreaker: open when ResponseCodeRatio(500, 600, 0, 600) > 0.3 (checked every 100ms), answer 429 for 10s, recover over 10s", result.Outcome.Summary);
        SchemaAssert.Valid(result.Objects);
        Snapshot.Match(ManifestYaml.Render(Assert.Single(result.Changes).After!));
    }

    [Fact]
    public void Upsert_StripPrefixSeed_WritesApiStrip()
    {
        var result = HttpMiddlewares.Upsert(ManifestSet.Empty, "production", "api-strip", MiddlewareSpecs.StripPrefix(["/api"]));

        Assert.Equal("stripPrefix: strip /api", result.Outcome.Summary);
        SchemaAssert.Valid(result.Objects);
        Snapshot.Match(ManifestYaml.Render(Assert.Single(result.Changes).After!));
    }

    [Fact]
    public void Upsert_ChangingType_ReplacesTheWholeSpecAndKeepsMetadata()
    {
        var current = Parse("""
            apiVersion: traefik.io/v1alpha1
            kind: Middleware
            metadata:
              name: api-rate-limit
              namespace: production
              annotations:
                owner: team-api
              labels:
                tier: edge
            spec:
              rateLimit:
                average: 100
                burst: 200
                futureOption: true

            """ + "---\n" + ApiRoute);

        var result = HttpMiddlewares.Upsert(current, "production", "api-rate-limit", MiddlewareSpecs.CircuitBreaker("network-error", 0.5));

        var change = Assert.Single(result.Changes);
        Assert.Equal(ChangeType.Updated, change.Type);
        Assert.Equal(
            """
            apiVersion: traefik.io/v1alpha1
            kind: Middleware
            metadata:
              name: api-rate-limit
              namespace: production
              annotations:
                owner: team-api
              labels:
                tier: edge
            spec:
              circuitBreaker:
                expression: NetworkErrorRatio() > 0.5

            """,
            ManifestYaml.Render(change.After!));
        Assert.Equal(MiddlewareChange.Replaced, result.Outcome.Change);
        Assert.Equal("rateLimit", result.Outcome.PreviousType);
        Assert.Equal("circuitBreaker", result.Outcome.Type);
        Assert.Equal(
            ["Middleware production/api-rate-limit changes from rateLimit to circuitBreaker, and 1 place uses it: IngressRoute production/api-service-route spec.routes[0].middlewares[0]."],
            result.Warnings);
        SchemaAssert.Valid(result.Objects);
    }

    [Fact]
    public void Upsert_SameSpecAgain_IsNoOp()
    {
        var spec = MiddlewareSpecs.StripPrefix(["/api"]);
        var first = HttpMiddlewares.Upsert(ManifestSet.Empty, "production", "api-strip", spec);

        var second = HttpMiddlewares.Upsert(first.Objects, "production", "api-strip", MiddlewareSpecs.StripPrefix(["/api"]));

        Assert.True(second.IsNoOp);
        Assert.Equal(MiddlewareChange.Unchanged, second.Outcome.Change);
        Assert.Same(first.Objects.Single(), second.Objects.Single());
    }

    [Fact]
    public void Upsert_AverageZero_WarnsThatNothingIsLimited()
    {
        var result = HttpMiddlewares.Upsert(ManifestSet.Empty, "production", "open", MiddlewareSpecs.RateLimit(0));

        Assert.Equal("rateLimit: no limit (average 0)", result.Outcome.Summary);
        Assert.Equal("rateLimit average is 0, which Traefik reads as no limit: Middleware production/open will let every request through.", result.Warnings[0]);
    }

    [Fact]
    public void Upsert_BadNamespaceAndName_ReportsBoth()
    {
        var e = Assert.Throws<ManifestException>(() => HttpMiddlewares.Upsert(ManifestSet.Empty, "Prod", "Rate_Limit", MiddlewareSpecs.RateLimit(1)));

        Assert.Equal(
            [
                "namespace: \"Prod\" is not a valid namespace: use lower-case letters, digits and '-', starting and ending with a letter or digit (DNS-1123 label).",
                "name: \"Rate_Limit\" is not a valid middleware name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit (DNS-1123 subdomain).",
            ],
            e.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Upsert_DeprecatedIpWhiteListFromAFile_IsRefusedWithTheReplacement()
    {
        var legacy = Assert.IsType<Middleware>(Parse("""
            apiVersion: traefik.io/v1alpha1
            kind: Middleware
            metadata: {name: office, namespace: apps}
            spec:
              ipWhiteList: {sourceRange: [10.0.0.0/8]}
              fancyNewType: {}
            """).Single());

        var e = Assert.Throws<ManifestException>(() => HttpMiddlewares.Upsert(ManifestSet.Empty, "apps", "office", legacy.Spec));

        Assert.Equal(
            [
                "spec: sets 2 middleware types (fancyNewType, ipWhiteList); a Middleware has exactly one: combine several with a chain.",
                "spec.fancyNewType: is not a Traefik v3 HTTP middleware type this library writes; use one of the types of the Middleware CRD.",
                "spec.ipWhiteList: is the deprecated v2 name of ipAllowList; write ipAllowList (same fields) instead.",
            ],
            e.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Upsert_ChainMembers_MustExistAndNotLoop()
    {
        var current = ManifestSet.From(
        [
            MiddlewareCatalog.Middleware("apps", "headers", MiddlewareSpecs.Headers(customResponseHeaders: new Dictionary<string, string> { ["X-Frame-Options"] = "DENY" })),
            MiddlewareCatalog.Middleware("apps", "inner", MiddlewareSpecs.Chain(["headers", "outer"])),
        ]);

        var e = Assert.Throws<ManifestException>(() =>
            HttpMiddlewares.Upsert(current, "apps", "outer", MiddlewareSpecs.Chain(["headers", "outer", "missing", "other/auth", "auth@file", "inner"])));

        Assert.Equal("Cannot write Middleware apps/outer.", e.Headline);
        Assert.Equal(
            [
                "spec.chain.middlewares[1]: a chain cannot contain itself (apps/outer); Traefik rejects a recursive chain.",
                "spec.chain.middlewares[2]: Middleware apps/missing does not exist; Traefik disables a router whose middleware is missing. Create the middleware first, or reference one from another provider as name@provider.",
                "spec.chain.middlewares[3]: Middleware other/auth does not exist; Traefik disables a router whose middleware is missing. Create the middleware first, or reference one from another provider as name@provider.",
                "spec.chain.middlewares[5]: apps/inner leads back to apps/outer (apps/inner -> apps/outer); Traefik rejects a recursive chain.",
            ],
            e.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Upsert_ErrorPagesFromMissingTraefikService_IsRefused()
    {
        var spec = new MiddlewareSpec
        {
            Errors = new ErrorsSpec { Status = ["500-599"], Service = new ServiceReference { Name = "error-pages", Kind = "TraefikService" }, Query = "/{status}.html" },
        };

        var e = Assert.Throws<ManifestException>(() => HttpMiddlewares.Upsert(ManifestSet.Empty, "apps", "errors", spec));

        Assert.Equal(
            "Cannot write Middleware apps/errors.\n- spec.errors.service.name: TraefikService apps/error-pages does not exist; create it first, or reference one from another provider as name@provider.",
            e.Message);
    }

    [Fact]
    public void Delete_Unreferenced_RemovesItAndSaysWhat()
    {
        var current = HttpMiddlewares.Upsert(ManifestSet.Empty, "production", "api-strip", MiddlewareSpecs.StripPrefix(["/api"])).Objects;

        var result = HttpMiddlewares.Delete(current, "production", "api-strip");

        Assert.Empty(result.Objects);
        Assert.Equal(ChangeType.Deleted, Assert.Single(result.Changes).Type);
        Assert.Equal(MiddlewareChange.Deleted, result.Outcome.Change);
        Assert.Equal("stripPrefix", result.Outcome.Type);
        Assert.Equal("stripPrefix: strip /api", result.Outcome.Summary);
    }

    [Fact]
    public void Delete_Missing_ThrowsListingTheOthers()
    {
        var current = HttpMiddlewares.Upsert(ManifestSet.Empty, "production", "api-strip", MiddlewareSpecs.StripPrefix(["/api"])).Objects;

        var e = Assert.Throws<ManifestException>(() => HttpMiddlewares.Delete(current, "production", "api-strp"));

        Assert.Equal("name: Middleware production/api-strp does not exist; Middlewares in production: api-strip.", e.Message);
    }

    [Fact]
    public void Delete_StillReferenced_IsRefusedNamingEveryReferrer()
    {
        var current = Parse(ApiRoute + """
            ---
            apiVersion: traefik.io/v1alpha1
            kind: Middleware
            metadata: {name: api-rate-limit, namespace: production}
            spec:
              rateLimit: {average: 100, burst: 200}
            ---
            apiVersion: traefik.io/v1alpha1
            kind: Middleware
            metadata: {name: edge, namespace: production}
            spec:
              chain:
                middlewares:
                  - name: api-rate-limit
            ---
            apiVersion: traefik.io/v1alpha1
            kind: Middleware
            metadata: {name: edge-file, namespace: staging}
            spec:
              chain:
                middlewares:
                  - name: production-api-rate-limit@kubernetescrd
                  - name: api-rate-limit
            ---
            apiVersion: traefik.io/v1alpha1
            kind: TraefikService
            metadata: {name: api-wrr, namespace: production}
            spec:
              weighted:
                services:
                  - name: api-service-canary
                    port: 80
                    middlewares:
                      - name: api-rate-limit
                        namespace: production
            ---
            apiVersion: traefik.io/v1alpha1
            kind: IngressRoute
            metadata: {name: other, namespace: staging}
            spec:
              routes:
                - match: Host(`staging.example.com`)
                  middlewares:
                    - name: api-rate-limit
                      namespace: production
                  services:
                    - name: app
                      port: 80
                      middlewares:
                        - name: api-rate-limit
            """);

        var e = Assert.Throws<ManifestException>(() => HttpMiddlewares.Delete(current, "production", "api-rate-limit"));

        Assert.Equal(
            "Cannot delete Middleware production/api-rate-limit: 5 references still use it, and Traefik disables a router whose middleware is missing. Detach it first.",
            e.Headline);
        Assert.Equal(
            [
                "IngressRoute production/api-service-route spec.routes[0].middlewares[0]: references Middleware production/api-rate-limit.",
                "Middleware production/edge spec.chain.middlewares[0]: references Middleware production/api-rate-limit.",
                "TraefikService production/api-wrr spec.weighted.services[0].middlewares[0]: references Middleware production/api-rate-limit.",
                "IngressRoute staging/other spec.routes[0].middlewares[0]: references Middleware production/api-rate-limit.",
                "Middleware staging/edge-file spec.chain.middlewares[0]: references Middleware production/api-rate-limit.",
            ],
            e.Problems.Select(p => p.ToString()));
        Assert.Equal(5, HttpMiddlewares.FindReferrers(current, "production", "api-rate-limit").Count);
    }

    [Fact]
    public void FindReferrers_ServiceLevelMiddlewareOfARoute_IsFound()
    {
        var current = Parse("""
            apiVersion: traefik.io/v1alpha1
            kind: IngressRoute
            metadata: {name: web, namespace: production}
            spec:
              routes:
                - match: Host(`www.example.com`)
                  services:
                    - name: www
                      port: 80
                      middlewares:
                        - name: api-strip
                    - name: legacy
                      namespace: legacy
                      port: 80
                      middlewares:
                        - name: api-strip
            """);

        var referrers = HttpMiddlewares.FindReferrers(current, "production", "api-strip");

        Assert.Equal(["IngressRoute production/web spec.routes[0].services[0].middlewares[0]", "IngressRoute production/web spec.routes[0].services[1].middlewares[0]"], referrers.Select(r => r.ToString()));
        Assert.Equal(["IngressRoute production/web spec.routes[0].services[1].middlewares[0]"], HttpMiddlewares.FindReferrers(current, "legacy", "api-strip").Select(r => r.ToString()));
        Assert.Empty(HttpMiddlewares.FindReferrers(current, "staging", "api-strip"));
    }

    private static ManifestSet Parse(string yaml) => ManifestSet.From(ManifestYaml.Parse(yaml));
}
