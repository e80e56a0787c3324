using System.Text.Json.Nodes;
using Traefik.Manifests.Model;
using Traefik.Manifests.Tests.Support;
using Traefik.Mcp.Tests.Support;

namespace Traefik.Mcp.Tests.Scenarios;

/// <summary>
/// Issue 13, tried as a platform engineer would through the tools: every proposal says what changes for real
/// users, and the proposals that used to make production worse behind a green "Valid" are fixed or refused.
/// </summary>
public sealed class TrafficImpactScenarioTests : McpTestBase
{
    private const string Mirroring = "traefik_manage_traffic_mirroring";

    /// <summary>Each impact entry as "router change: differences".</summary>
    internal static string[] Impact(JsonObject proposal) =>
        [.. proposal["traffic_impact"]!.AsArray().Select(i => $"{i!["router"]} {i["change"]}: {string.Join(" | ", i["differences"]!.AsArray().Select(d => d!.GetValue<string>()))}")];

    /// <summary>One side of an entry's users as (service, share).</summary>
    internal static (string, decimal)[] Users(JsonNode? side) =>
        side is null ? [] : [.. side["backends"]!.AsArray().Select(b => (b!["service"]!.GetValue<string>(), b["share"]!.GetValue<decimal>()))];

    private async Task Shop()
    {
        AssertDelivered(await ProposeAsync("traefik_manage_weighted_routing", """
            {"action": "create", "route_name": "shop", "hostname": "shop.example.com",
             "stable_service": "shop-stable", "canary_service": "shop-canary", "stable_weight": 80, "canary_weight": 20}
            """));
    }

    [Fact]
    public async Task Mirroring_RouteWithTransportAndStickySessions_UsersKeepBothAndSeeTheImpact()
    {
        await Shop();
        var transport = await ProposeAsync("traefik_manage_servers_transport", """
            {"action": "create", "name": "shop-tls", "server_name": "shop.internal", "service_names": ["shop-stable", "shop-canary"]}
            """);
        AssertDelivered(transport);
        Assert.Equal(
            [
                "default/shop#0 updated: users unchanged (shop-stable 80%, shop-canary 20%) | shop-stable: serversTransport (none) → shop-tls | shop-canary: serversTransport (none) → shop-tls",
            ],
            Impact(transport));
        AssertDelivered(await ProposeAsync("traefik_configure_service_affinity", """{"action": "enable", "service_name": "shop-stable", "cookie_name": "SESSIONID"}"""));

        var mirrored = await ProposeAsync(Mirroring, """
            {"action": "enable", "route_name": "shop", "main_service": "shop-stable", "mirror_service": "shop-canary", "mirror_percent": 20, "attach_to_ingress": true}
            """);

        AssertDelivered(mirrored);
        var main = Find<TraefikService>(AssertWorktreeValid(), TraefikApi.TraefikServiceKind, "default", "shop-mirror").Spec.Mirroring!;
        Assert.Equal(("shop-tls", "SESSIONID"), (main.ServersTransport, main.Sticky?.Cookie?.Name));
        var entry = Assert.Single(mirrored["traffic_impact"]!.AsArray())!;
        Assert.Equal([("shop-stable", 80m), ("shop-canary", 20m)], Users(entry["before"]));
        Assert.Equal([("shop-stable", 100m)], Users(entry["after"]));
        Assert.Equal("shop-tls", entry["after"]!["backends"]![0]!["options"]!["serversTransport"]!.GetValue<string>());
        Assert.Equal("SESSIONID", entry["after"]!["backends"]![0]!["options"]!["sticky"]!["cookie"]!["name"]!.GetValue<string>());
        Assert.Equal("shop-canary", entry["after"]!["mirrors"]![0]!["service"]!.GetValue<string>());
        Assert.Equal(20m, entry["after"]!["mirrors"]![0]!["percent"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Mirroring_MainServiceTheRouteNeverUsed_IsRefusedUnlessAskedExplicitly()
    {
        AssertDelivered(await ProposeAsync("traefik_manage_weighted_routing", """
            {"action": "create", "route_name": "api-service-route", "namespace": "production", "hostname": "api.example.com",
             "stable_service": "api-service-stable", "canary_service": "api-service-canary", "stable_weight": 90, "canary_weight": 10}
            """));

        var byDefault = await ErrorAsync(Mirroring, """{"action": "enable", "route_name": "api-service-route", "namespace": "production", "mirror_service": "api-service-canary", "attach_to_ingress": true}""");
        var typo = await ErrorAsync(Mirroring, """{"action": "enable", "route_name": "api-service-route", "namespace": "production", "main_service": "api-servce-stable", "mirror_service": "api-service-canary", "attach_to_ingress": true}""");
        var asked = await ProposeAsync(Mirroring, """
            {"action": "enable", "route_name": "api-service-route", "namespace": "production", "main_service": "api-service-v2",
             "mirror_service": "api-service-canary", "attach_to_ingress": true, "allow_new_main_service": true}
            """);

        Assert.Equal(
            "main_service: \"api-service-route-stable\" is not one of the backends of route production/api-service-route (api-service-stable, api-service-canary); as the main service it would answer every user of the route, who never reached it before. Name one of the route's backends, or set allow_new_main_service to send users to a new Service on purpose.",
            byDefault);
        Assert.StartsWith("main_service: \"api-servce-stable\" is not one of the backends of route production/api-service-route (api-service-stable, api-service-canary)", typo, StringComparison.Ordinal);
        AssertDelivered(asked);
        AssertWorktreeValid();
        Assert.Equal(["production/api-service-route#0 updated: api-service-v2 0% → 100%, api-service-stable 90% → 0%, api-service-canary 10% → 0% | 20% copied to api-service-canary"], Impact(asked));
        Assert.Contains(Warnings(asked), w => w.StartsWith("api-service-v2 is not one of the route's backends", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mirroring_RouteThatDoesNotExist_IsAnError()
    {
        var error = await ErrorAsync(Mirroring, """{"action": "enable", "route_name": "ghost", "main_service": "ghost-stable", "mirror_service": "ghost-canary"}""");

        Assert.Equal("route_name: the route default/ghost does not exist: there is no IngressRoute ghost and no TraefikService ghost-wrr in default, so a mirror would serve no one. Create the route first, or check the route name and namespace.", error);
        Assert.Empty(WorktreeObjects());
    }

    [Fact]
    public async Task WeightedRoute_TlsOnThePlainHttpEntryPoint_IsRefused()
    {
        var error = await ErrorAsync("traefik_manage_weighted_routing", """
            {"action": "create", "route_name": "checkout-route", "hostname": "checkout.example.com", "stable_service": "checkout",
             "tls_enabled": true, "tls_secret_name": "checkout-tls", "entry_points": ["web"]}
            """);

        Assert.Equal(
            "The weighted route checkout-route is not valid.\n- entry_points[0]: web is the plain-HTTP entry point web; a TLS route there never receives HTTPS requests. Use websecure (the default with TLS), or turn TLS off; to redirect plain HTTP to HTTPS, give web a route of its own with a redirectScheme middleware.",
            error);
    }

    [Fact]
    public async Task Distribution_TwoRuleSimpleRoute_IsDirectPerRuleWithoutASplitAcrossRules()
    {
        var created = await ProposeAsync("traefik_manage_simple_route", """
            {"action": "create", "route_name": "hello-preview", "entry_points": ["web"], "routes": [
              {"match": "Host(`preview.example.com`)", "service_name": "preview-v1", "service_port": 80},
              {"match": "Host(`docs.example.com`)", "service_name": "docs", "service_port": 8080}]}
            """);
        AssertDelivered(created);
        Assert.Equal(
            [
                "default/hello-preview#0 created: new router on web, no TLS | users: preview-v1 100%",
                "default/hello-preview#1 created: new router on web, no TLS | users: docs 100%",
            ],
            Impact(created));

        AssertWorktreeValid();
        var distribution = await ReadAsync("traefik://traffic/default/hello-preview/distribution");

        var split = distribution["traffic_split"]!;
        Assert.Equal("direct", split["type"]!.GetValue<string>());
        Assert.Null(split["backends"]);
        Assert.Equal(
            ["default/hello-preview#0 direct preview-v1=100", "default/hello-preview#1 direct docs=100"],
            split["rules"]!.AsArray().Select(r => $"{r!["router"]} {r["type"]} {string.Join(",", r["backends"]!.AsArray().Select(b => $"{b!["service"]}={b["percent"]}"))}"));
        Assert.Equal(2, distribution["routers"]!.AsArray().Count);
        Assert.Equal(100m, distribution["routers"]![1]!["effective"]!["backends"]![0]!["share"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Middleware_CreatedWithDefaults_WarnsThatNothingUsesIt()
    {
        var created = await ProposeAsync("traefik_manage_middleware", """{"action": "create", "middleware_type": "rate_limit", "average": 100, "burst": 200}""");

        AssertDelivered(created);
        AssertWorktreeValid();
        Assert.Empty(Impact(created));
        Assert.Contains("Middleware default/rate-limit is not used by any route yet, so it has no effect: attach it to a route's rules (route middlewares), in namespace default or as default/rate-limit from another namespace.", Warnings(created));
    }

    [Fact]
    public async Task ProgressiveDeliveryController_OwnsTheWeights_UpdatesAreRefusedAndTheDistributionSaysSo()
    {
        await Shop();
        File.WriteAllText(Path.Combine(Work, "traefik", "default", "rollout.yaml"), """
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata:
              name: shop
              namespace: default
            spec:
              strategy:
                canary:
                  trafficRouting:
                    traefik:
                      weightedTraefikServiceName: shop-wrr

            """);

        AssertWorktreeValid();
        var error = await ErrorAsync("traefik_manage_weighted_routing", """{"action": "update", "route_name": "shop", "stable_weight": 50, "canary_weight": 50}""");
        var distribution = await ReadAsync("traefik://traffic/default/shop/distribution");

        Assert.StartsWith("stable_weight: the weights of TraefikService default/shop-wrr belong to Argo Rollouts Rollout default/shop (spec.strategy.canary.trafficRouting.traefik.weightedTraefikServiceName)", error, StringComparison.Ordinal);
        var owner = Assert.Single(distribution["traffic_split"]!["managed_by"]!.AsArray())!;
        Assert.Equal(("Argo Rollouts", "Rollout", "shop", "default/shop-wrr"), (owner["controller"]!.GetValue<string>(), owner["kind"]!.GetValue<string>(), owner["name"]!.GetValue<string>(), owner["traefik_service"]!.GetValue<string>()));
        Assert.Contains("are set by Argo Rollouts (Rollout default/shop)", distribution["traffic_split"]!["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CanaryStep_TextResult_HasATrafficImpactSectionInPlainWords()
    {
        AssertDelivered(await ProposeAsync("traefik_manage_weighted_routing", """
            {"action": "create", "route_name": "api-service-route", "namespace": "production", "hostname": "api.example.com",
             "stable_service": "api-service-stable", "canary_service": "api-service-canary", "stable_weight": 95, "canary_weight": 5}
            """));

        var text = Text(await CallAsync("traefik_manage_weighted_routing", """
            {"action": "update", "route_name": "api-service-route", "namespace": "production", "stable_weight": 90, "canary_weight": 10, "delivery": "diff"}
            """));

        const string Section = "### Traffic impact\n- Host(`api.example.com`): api-service-stable 95% → 90%, api-service-canary 5% → 10% (production/api-service-route#0)\n";
        Assert.Contains("\n" + Section + "\n### Object changes\n", text, StringComparison.Ordinal);
        Assert.Contains("```text\n" + Section + "```", File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")), StringComparison.Ordinal);
    }
}
