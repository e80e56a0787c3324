using System.Text.Json.Nodes;
using Traefik.Manifests.Affinity;
using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Model;
using Traefik.Manifests.Transports;
using Traefik.Mcp.Tests.Support;

namespace Traefik.Mcp.Tests.Scenarios;

/// <summary>
/// Traffic management scenarios B to F, every step through the client with the seed's arguments (plus
/// the names its prompts use). Steps are written to the working tree, so each builds on the last; after
/// each one every manifest in the repository is checked against the CRD schema.
/// </summary>
public sealed class TrafficManagementScenarioTests : McpTestBase
{
    [Fact]
    public async Task ScenarioB_MiddlewareProtections_SeedArguments()
    {
        // Step 1, exactly as the seed (no name or namespace: the name defaults to the type).
        var rateLimit = await ProposeAsync("traefik_manage_middleware", """
            {"action": "create", "middleware_type": "rate_limit", "average": 100, "burst": 200, "period": "1s"}
            """);
        AssertDelivered(rateLimit);
        Assert.Equal(["created Middleware default/rate-limit"], Changes(rateLimit));
        Assert.Equal("rateLimit", rateLimit["outcome"]!["type"]!.GetValue<string>());
        var limit = Find<Middleware>(AssertWorktreeValid(), TraefikApi.MiddlewareKind, "default", "rate-limit").Spec.RateLimit!;
        Assert.Equal((100L, 200L, "1s"), (limit.Average, limit.Burst, limit.Period.ToString()));

        // Step 2, exactly as the seed.
        var breaker = await ProposeAsync("traefik_manage_middleware", """
            {"action": "create", "middleware_type": "circuit_breaker", "trigger_type": "error-rate", "threshold": 0.3, "response_code": 429}
            """);
        AssertDelivered(breaker);
        Assert.Equal(["created Middleware default/circuit-breaker"], Changes(breaker));
        var cb = Find<Middleware>(AssertWorktreeValid(), TraefikApi.MiddlewareKind, "default", "circuit-breaker").Spec.CircuitBreaker!;
        Assert.Equal(("ResponseCodeRatio(500, 600, 0, 600) > 0.3", 429), (cb.Expression, cb.ResponseCode));
    }

    [Fact]
    public async Task ScenarioB_MiddlewareProtections_PromptNamesAndRouteHealth()
    {
        await CreateApiRouteAsync();

        // "Create a rate_limit middleware named 'api-rate-limit' in 'production' with an average of 50, burst of 100, per 1s."
        var rateLimit = await ProposeAsync("traefik_manage_middleware", """
            {"action": "create", "middleware_type": "rate_limit", "middleware_name": "api-rate-limit", "namespace": "production", "average": 50, "burst": 100, "period": "1s"}
            """);
        AssertDelivered(rateLimit);
        Assert.Equal("rateLimit: 50 requests per 1s, burst 100", rateLimit["outcome"]!["summary"]!.GetValue<string>());

        // "Create a circuit_breaker middleware named 'api-cb' in 'production' with an error-rate trigger and a 0.3 threshold. Set response_code=429."
        var breaker = await ProposeAsync("traefik_manage_middleware", """
            {"action": "create", "middleware_type": "circuit_breaker", "middleware_name": "api-cb", "namespace": "production", "trigger_type": "error-rate", "threshold": 0.3, "response_code": 429}
            """);
        AssertDelivered(breaker);

        var attached = await ProposeAsync("traefik_manage_route_middlewares", """
            {"action": "attach", "route_name": "api-service-route", "namespace": "production", "middleware_names": ["api-rate-limit", "api-cb"]}
            """);
        AssertDelivered(attached);
        Assert.Equal(["updated IngressRoute production/api-service-route"], Changes(attached));
        var route = Find<IngressRoute>(AssertWorktreeValid(), TraefikApi.IngressRouteKind, "production", "api-service-route");
        Assert.Equal(["api-rate-limit", "api-cb"], route.Spec.Routes[0].Middlewares!.Select(m => m.Name));

        // Step 3: the route's distribution shows the protections with their specs.
        var distribution = await ReadAsync("traefik://traffic/production/api-service-route/distribution");
        var middlewares = distribution["ingress_route"]!["middlewares"]!.AsArray();
        Assert.Equal(["api-rate-limit", "api-cb"], middlewares.Select(m => m!["name"]!.GetValue<string>()));
        Assert.Equal(["rateLimit", "circuitBreaker"], middlewares.Select(m => m!["type"]!.GetValue<string>()));
        Assert.Equal(50, middlewares[0]!["spec"]!["rateLimit"]!["average"]!.GetValue<int>());
        Assert.Equal(429, middlewares[1]!["spec"]!["circuitBreaker"]!["responseCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task ScenarioC_StripPrefix_CreateThenAttach()
    {
        await CreateApiRouteAsync();

        // Step 1: "Add a strip prefix middleware 'api-strip' in 'production' that strips '/api'."
        var strip = await ProposeAsync("traefik_manage_middleware", """
            {"action": "create", "middleware_type": "strip_prefix", "middleware_name": "api-strip", "namespace": "production", "prefixes": ["/api"]}
            """);
        AssertDelivered(strip);
        Assert.Equal(["created Middleware production/api-strip"], Changes(strip));
        Assert.Equal(["/api"], Find<Middleware>(AssertWorktreeValid(), TraefikApi.MiddlewareKind, "production", "api-strip").Spec.StripPrefix!.Prefixes!);

        // Step 2: attach it to the route.
        var attached = await ProposeAsync("traefik_manage_route_middlewares", """
            {"action": "attach", "route_name": "api-service-route", "middleware_names": ["api-strip"], "namespace": "production"}
            """);
        AssertDelivered(attached);
        Assert.Equal(["api-strip"], attached["outcome"]!["added"]!.AsArray().Select(a => a!.GetValue<string>()));
        var route = Find<IngressRoute>(AssertWorktreeValid(), TraefikApi.IngressRouteKind, "production", "api-service-route");
        Assert.Equal("api-strip", Assert.Single(route.Spec.Routes[0].Middlewares!).Name);

        // Attaching again changes nothing.
        var again = await ProposeAsync("traefik_manage_route_middlewares", """
            {"action": "attach", "route_name": "api-service-route", "middleware_names": ["api-strip"], "namespace": "production"}
            """);
        Assert.Equal("no_changes", again["status"]!.GetValue<string>());
        Assert.Equal(["api-strip"], again["outcome"]!["already_present"]!.AsArray().Select(a => a!.GetValue<string>()));

        var list = await ReadAsync("traefik://traffic/ingressroutes/list");
        var listed = Assert.Single(list["ingress_routes"]!.AsArray())!;
        Assert.Equal(["api-strip"], listed["routes"]![0]!["middlewares"]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    [Fact]
    public async Task ScenarioD_SimpleIngressRoute_CreateMultipleRulesUpdateDelete()
    {
        // Step 1.
        var created = await ProposeAsync("traefik_manage_simple_route", """
            {"action": "create", "route_name": "hello-preview", "namespace": "default", "entry_points": ["web"],
             "routes": [{"match": "Host(preview.example.com)", "service_name": "preview-v1", "service_port": 80}]}
            """);
        AssertDelivered(created);
        Assert.Equal(["created IngressRoute default/hello-preview"], Changes(created));
        var route = Find<IngressRoute>(AssertWorktreeValid(), TraefikApi.IngressRouteKind, "default", "hello-preview");
        Assert.Equal(["web"], route.Spec.EntryPoints!);
        var rule = Assert.Single(route.Spec.Routes);
        Assert.Equal("Host(`preview.example.com`)", rule.Match);
        Assert.Equal(("preview-v1", "80", (string?)null), (rule.Services![0].Name, rule.Services[0].Port.ToString(), rule.Services[0].Kind));

        // Step 2: several rules.
        var rules = await ProposeAsync("traefik_manage_simple_route", """
            {"action": "create", "route_name": "hello-preview", "namespace": "default", "entry_points": ["web"],
             "routes": [{"match": "Host(`preview.example.com`)", "service_name": "preview-v1", "service_port": 80},
                        {"match": "Host(`preview.example.com`) && PathPrefix(`/v2`)", "service_name": "preview-v2", "service_port": 8080, "priority": 100}]}
            """);
        AssertDelivered(rules);
        Assert.Equal(["updated IngressRoute default/hello-preview"], Changes(rules));
        route = Find<IngressRoute>(AssertWorktreeValid(), TraefikApi.IngressRouteKind, "default", "hello-preview");
        Assert.Equal(
            [("Host(`preview.example.com`)", "preview-v1", "80", (long?)null), ("Host(`preview.example.com`) && PathPrefix(`/v2`)", "preview-v2", "8080", 100L)],
            route.Spec.Routes.Select(r => (r.Match, r.Services![0].Name, r.Services[0].Port.ToString(), r.Priority)));

        // Step 3: create again with the same name patches in place (one update, no delete in between).
        var patched = await ProposeAsync("traefik_manage_simple_route", """
            {"action": "create", "route_name": "hello-preview", "namespace": "default", "entry_points": ["web"],
             "routes": [{"match": "Host(`preview.example.com`)", "services": [{"name": "preview-v1", "port": 80, "weight": 3}, {"name": "preview-v2", "port": 8080, "weight": 1}]}]}
            """);
        AssertDelivered(patched);
        Assert.Equal(["updated IngressRoute default/hello-preview"], Changes(patched));
        route = Find<IngressRoute>(AssertWorktreeValid(), TraefikApi.IngressRouteKind, "default", "hello-preview");
        Assert.Equal([("preview-v1", 3), ("preview-v2", 1)], Assert.Single(route.Spec.Routes).Services!.Select(s => (s.Name, s.Weight ?? 0)));

        // Step 4.
        var deleted = await ProposeAsync("traefik_manage_simple_route", """
            {"action": "delete", "route_name": "hello-preview"}
            """);
        AssertDelivered(deleted);
        Assert.Equal(["deleted IngressRoute default/hello-preview"], Changes(deleted));
        Assert.Empty(AssertWorktreeValid());
    }

    [Fact]
    public async Task ScenarioE_PathTlsAndMiddlewares()
    {
        // Step 1: "Create route 'api-path-route' in 'production' at 'api.example.com' with path prefix '/api' — route only /api/* traffic, 100% stable."
        var path = await ProposeAsync("traefik_manage_weighted_routing", """
            {"action": "create", "route_name": "api-path-route", "namespace": "production", "hostname": "api.example.com",
             "stable_service": "api-service-stable", "stable_weight": 100, "path_prefix": "/api", "path_match_type": "PathPrefix"}
            """);
        AssertDelivered(path);
        var pathRoute = Find<IngressRoute>(AssertWorktreeValid(), TraefikApi.IngressRouteKind, "production", "api-path-route");
        Assert.Equal("Host(`api.example.com`) && PathPrefix(`/api`)", Assert.Single(pathRoute.Spec.Routes).Match);

        // Step 2: TLS with a Secret: the route moves to websecure.
        var tls = await ProposeAsync("traefik_manage_weighted_routing", """
            {"action": "create", "route_name": "checkout-route", "hostname": "checkout.example.com", "stable_service": "checkout-stable",
             "tls_enabled": true, "tls_secret_name": "checkout-tls"}
            """);
        AssertDelivered(tls);
        var tlsRoute = Find<IngressRoute>(AssertWorktreeValid(), TraefikApi.IngressRouteKind, "default", "checkout-route");
        Assert.Equal(["websecure"], tlsRoute.Spec.EntryPoints!);
        Assert.Equal("checkout-tls", tlsRoute.Spec.Tls!.SecretName);

        // Step 3: the middlewares must exist; "rate-limit" is what scenario B's seed step creates.
        var missing = await ErrorAsync("traefik_manage_weighted_routing", """
            {"action": "create", "route_name": "checkout-route", "hostname": "checkout.example.com", "stable_service": "checkout-stable",
             "tls_enabled": true, "tls_secret_name": "checkout-tls", "middlewares": ["rate-limit", "auth"]}
            """);
        Assert.Contains("Middleware default/rate-limit does not exist", missing, StringComparison.Ordinal);
        Assert.Contains("Middleware default/auth does not exist", missing, StringComparison.Ordinal);

        AssertDelivered(await ProposeAsync("traefik_manage_middleware", """
            {"action": "create", "middleware_type": "rate_limit", "average": 100, "burst": 200, "period": "1s"}
            """));
        AssertDelivered(await ProposeAsync("traefik_manage_middleware", """
            {"action": "create", "middleware_type": "basic_auth", "middleware_name": "auth", "auth_secret": "checkout-users"}
            """));
        var withMiddlewares = await ProposeAsync("traefik_manage_weighted_routing", """
            {"action": "create", "route_name": "checkout-route", "hostname": "checkout.example.com", "stable_service": "checkout-stable",
             "tls_enabled": true, "tls_secret_name": "checkout-tls", "middlewares": ["rate-limit", "auth"]}
            """);
        AssertDelivered(withMiddlewares);
        Assert.Equal(["updated IngressRoute default/checkout-route"], Changes(withMiddlewares));
        tlsRoute = Find<IngressRoute>(AssertWorktreeValid(), TraefikApi.IngressRouteKind, "default", "checkout-route");
        Assert.Equal(["rate-limit", "auth"], Assert.Single(tlsRoute.Spec.Routes).Middlewares!.Select(m => m.Name));
    }

    [Fact]
    public async Task ScenarioF_ServersTransportAndStickySessions()
    {
        // Step 1: a transport nothing uses yet is created, with a warning saying it has no effect until linked.
        var transport = await ProposeAsync("traefik_manage_servers_transport", """
            {"action": "create", "name": "my-app-transport", "dial_timeout": "5s", "response_header_timeout": "60s"}
            """);
        AssertDelivered(transport);
        Assert.Equal(["created ServersTransport default/my-app-transport"], Changes(transport));
        Assert.Contains(Warnings(transport), w => w.StartsWith("ServersTransport default/my-app-transport is not used by any route yet", StringComparison.Ordinal));
        var timeouts = Find<ServersTransport>(AssertWorktreeValid(), TraefikApi.ServersTransportKind, "default", "my-app-transport").Spec.ForwardingTimeouts!;
        Assert.Equal(("5s", "60s"), (timeouts.DialTimeout.ToString(), timeouts.ResponseHeaderTimeout.ToString()));

        // Step 2: HTTPS backend without verification, with the warning that says why that is risky.
        var https = await ProposeAsync("traefik_manage_servers_transport", """
            {"action": "create", "name": "https-backend", "insecure_skip_verify": true}
            """);
        AssertDelivered(https);
        Assert.Contains(Warnings(https), w => w.StartsWith("insecure_skip_verify is true", StringComparison.Ordinal));
        Assert.True(Find<ServersTransport>(AssertWorktreeValid(), TraefikApi.ServersTransportKind, "default", "https-backend").Spec.InsecureSkipVerify);

        // Step 3.
        var deleted = await ProposeAsync("traefik_manage_servers_transport", """
            {"action": "delete", "name": "my-app-transport"}
            """);
        AssertDelivered(deleted);
        Assert.Equal(["deleted ServersTransport default/my-app-transport"], Changes(deleted));
        Assert.DoesNotContain(AssertWorktreeValid(), o => o.Name == "my-app-transport");

        // Steps 4 and 5 need a route that sends traffic to hello-world.
        AssertDelivered(await ProposeAsync("traefik_manage_weighted_routing", """
            {"action": "create", "route_name": "hello-world-route", "hostname": "hello-world.example.com",
             "stable_service": "hello-world", "canary_service": "hello-world-canary", "stable_weight": 90, "canary_weight": 10}
            """));

        var sticky = await ProposeAsync("traefik_configure_service_affinity", """
            {"action": "enable", "service_name": "hello-world", "cookie_name": "SESSIONID", "cookie_max_age": 3600}
            """);
        AssertDelivered(sticky);
        Assert.Equal(["updated TraefikService default/hello-world-route-wrr"], Changes(sticky));
        Assert.Equal(("SESSIONID", "SESSIONID_wrr"), (sticky["outcome"]!["cookie_name"]!.GetValue<string>(), sticky["outcome"]!["weighted_cookie_name"]!.GetValue<string>()));
        var wrr = Find<TraefikService>(AssertWorktreeValid(), TraefikApi.TraefikServiceKind, "default", "hello-world-route-wrr").Spec.Weighted!;
        var stable = Assert.Single(wrr.Services!, s => s.Name == "hello-world");
        Assert.Equal(("SESSIONID", 3600L), (stable.Sticky!.Cookie!.Name, stable.Sticky.Cookie.MaxAge ?? 0));
        Assert.Null(Assert.Single(wrr.Services!, s => s.Name == "hello-world-canary").Sticky);
        Assert.Equal("SESSIONID_wrr", wrr.Sticky!.Cookie!.Name);

        var disabled = await ProposeAsync("traefik_configure_service_affinity", """
            {"action": "disable", "service_name": "hello-world"}
            """);
        AssertDelivered(disabled);
        wrr = Find<TraefikService>(AssertWorktreeValid(), TraefikApi.TraefikServiceKind, "default", "hello-world-route-wrr").Spec.Weighted!;
        Assert.All(wrr.Services!, s => Assert.Null(s.Sticky));
        Assert.Null(wrr.Sticky);
    }

    /// <summary>The production route the middleware scenarios protect.</summary>
    private async Task CreateApiRouteAsync() =>
        AssertDelivered(await ProposeAsync("traefik_manage_weighted_routing", """
            {"action": "create", "route_name": "api-service-route", "namespace": "production", "hostname": "api.example.com",
             "stable_service": "api-service-stable", "canary_service": "api-service-canary", "stable_weight": 90, "canary_weight": 10}
            """));
}
