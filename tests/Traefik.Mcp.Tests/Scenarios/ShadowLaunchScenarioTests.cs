using System.Text.Json.Nodes;
using Traefik.Manifests.Model;
using Traefik.Mcp.Tests.Support;

namespace Traefik.Mcp.Tests.Scenarios;

/// <summary>
/// The shadow-launch workflow: scenario A and the six natural-language prompts, in order, on the
/// production route api-service-route that starts as a 50/50 weighted canary. Each prompt is answered
/// from what the tools and resources return.
/// </summary>
public sealed class ShadowLaunchScenarioTests : McpTestBase
{
    private const string Tool = "traefik_manage_traffic_mirroring";

    [Fact]
    public async Task ShadowLaunch_SixPrompts_AnsweredFromResultsAndResources()
    {
        AssertDelivered(await ProposeAsync("traefik_manage_weighted_routing", """
            {"action": "create", "route_name": "api-service-route", "namespace": "production", "hostname": "api.example.com",
             "stable_service": "api-service-stable", "canary_service": "api-service-canary", "stable_weight": 50, "canary_weight": 50}
            """));

        // Prompt 1: create the mirror only; which warnings came back, and is it active or waiting on the ingress?
        var created = await ProposeAsync(Tool, """
            {"action": "enable", "route_name": "api-service-route", "namespace": "production", "mirror_percent": 20,
             "main_service": "api-service-stable", "mirror_service": "api-service-canary", "attach_to_ingress": false}
            """);
        AssertDelivered(created);
        Assert.Equal(["created TraefikService production/api-service-route-mirror"], Changes(created));
        Assert.Empty(TrafficImpactScenarioTests.Impact(created));
        Assert.Equal("waiting_on_ingress", created["outcome"]!["status"]!.GetValue<string>());
        Assert.Equal(["api-service-route-wrr (TraefikService)"], Strings(created["outcome"]!["ingress_targets"]!));
        Assert.Equal(
            [
                "Repointing IngressRoute api-service-route from api-service-route-wrr to api-service-route-mirror (attach to ingress) would end the live weighted split: every user response would come from api-service-stable.",
                "Shadow traffic reaches api-service-canary for real: database writes, e-mails and other side effects happen. Mirror only read-only or idempotent services, or point the shadow at an isolated database.",
            ],
            Warnings(created));
        Assert.Contains("Mirror status: waiting on an ingress change", Text(await CallAsync(Tool, """
            {"action": "enable", "route_name": "api-service-route", "namespace": "production", "mirror_percent": 20,
             "main_service": "api-service-stable", "mirror_service": "api-service-canary", "attach_to_ingress": false, "delivery": "diff"}
            """)), StringComparison.Ordinal);
        var objects = AssertWorktreeValid();
        var mirror = Find<TraefikService>(objects, TraefikApi.TraefikServiceKind, "production", "api-service-route-mirror").Spec.Mirroring!;
        Assert.Equal(("api-service-stable", "api-service-canary", 20), (mirror.Name, Assert.Single(mirror.Mirrors!).Name, mirror.Mirrors![0].Percent ?? 0));
        Assert.Equal("api-service-route-wrr", IngressTarget(objects));

        // Prompt 2: turn it on and wire the ingress; the warning says what changes for real users.
        var wired = await ProposeAsync(Tool, """
            {"action": "enable", "route_name": "api-service-route", "namespace": "production", "mirror_percent": 20,
             "main_service": "api-service-stable", "mirror_service": "api-service-canary", "attach_to_ingress": true}
            """);
        AssertDelivered(wired);
        Assert.Equal(["updated IngressRoute production/api-service-route"], Changes(wired));
        Assert.Equal("active", wired["outcome"]!["status"]!.GetValue<string>());
        Assert.Contains(
            "Repointing IngressRoute api-service-route to api-service-route-mirror ends the live weighted split: every user response now comes from api-service-stable; api-service-canary only receives copies of 20% of requests and its responses are discarded.",
            Warnings(wired));
        Assert.Equal("api-service-route-mirror", IngressTarget(AssertWorktreeValid()));
        Assert.Equal(
            ["production/api-service-route#0 updated: api-service-stable 50% → 100%, api-service-canary 50% → 0% | 20% copied to api-service-canary"],
            TrafficImpactScenarioTests.Impact(wired));

        // Prompt 3: the mirroring services with main service, ports and percentage copied...
        var list = await ReadAsync("traefik://traffic/routes/list");
        var mirrorView = Assert.Single(list["services"]!.AsArray(), s => s!["type"]!.GetValue<string>() == "mirror")!;
        Assert.Equal("api-service-route-mirror", mirrorView["name"]!.GetValue<string>());
        Assert.Equal(("api-service-stable", "80"), (mirrorView["main"]!["service"]!.GetValue<string>(), mirrorView["main"]!["port"]!.GetValue<string>()));
        var shadow = Assert.Single(mirrorView["mirrors"]!.AsArray())!;
        Assert.Equal(("api-service-canary", "80", 20), (shadow["service"]!.GetValue<string>(), shadow["port"]!.GetValue<string>(), shadow["mirror_percent"]!.GetValue<int>()));

        // ...the detailed view: mirror, not weighted, and the main sink...
        var distribution = await ReadAsync("traefik://traffic/production/api-service-route/distribution");
        Assert.Equal("mirror", distribution["traffic_split"]!["type"]!.GetValue<string>());
        Assert.Equal("api-service-route-mirror", distribution["traffic_split"]!["traefik_service"]!.GetValue<string>());
        Assert.Equal("api-service-stable", distribution["traffic_split"]!["main"]!["service"]!.GetValue<string>());

        // ...and which TraefikService the ingress points at right now.
        var routes = await ReadAsync("traefik://traffic/ingressroutes/list");
        var target = Assert.Single(Assert.Single(routes["ingress_routes"]!.AsArray())!["routes"]![0]!["targets"]!.AsArray())!;
        Assert.Equal(("api-service-route-mirror", "TraefikService"), (target["name"]!.GetValue<string>(), target["kind"]!.GetValue<string>()));

        // Prompt 4: ramp from 20% to 50%.
        var ramped = await ProposeAsync(Tool, """
            {"action": "update", "route_name": "api-service-route", "namespace": "production", "mirror_percent": 50}
            """);
        AssertDelivered(ramped);
        Assert.Equal(["updated TraefikService production/api-service-route-mirror"], Changes(ramped));
        Assert.Equal(50, Assert.Single(ramped["outcome"]!["mirrors"]!.AsArray())!["percent"]!.GetValue<int>());
        Assert.Equal("active", ramped["outcome"]!["status"]!.GetValue<string>());
        Assert.Equal(50, Find<TraefikService>(AssertWorktreeValid(), TraefikApi.TraefikServiceKind, "production", "api-service-route-mirror").Spec.Mirroring!.Mirrors![0].Percent);

        // Prompt 5: the signals available for the route come from the repository only; with no
        // Prometheus configured the server says so instead of inventing figures.
        distribution = await ReadAsync("traefik://traffic/production/api-service-route/distribution");
        Assert.False(distribution["observed"]!["available"]!.GetValue<bool>());
        Assert.StartsWith("Prometheus is not configured", distribution["observed"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        var check = await CallAsync("traefik_check_anomalies", """{"route_name": "api-service-route", "namespace": "production", "sigma": 2}""");
        Assert.NotEqual(true, check.IsError);
        Assert.StartsWith("Anomaly check for production/api-service-route: no figures. Prometheus is not configured", Text(check), StringComparison.Ordinal);
        var clusterWide = await ReadAsync("traefik://anomalies/detected");
        Assert.Equal("unavailable", clusterWide["status"]!.GetValue<string>());
        Assert.Empty(clusterWide["findings"]!.AsArray());

        // Prompt 6: tear down: the ingress goes back to the weighted TraefikService, then the mirror is removed.
        var removed = await ProposeAsync(Tool, """
            {"action": "disable", "route_name": "api-service-route", "namespace": "production", "restore_ingress_to_wrr": true}
            """);
        AssertDelivered(removed);
        Assert.Equal(["updated IngressRoute production/api-service-route", "deleted TraefikService production/api-service-route-mirror"], Changes(removed));
        Assert.Equal("removed", removed["outcome"]!["status"]!.GetValue<string>());
        objects = AssertWorktreeValid();
        Assert.Equal("api-service-route-wrr", IngressTarget(objects));
        Assert.DoesNotContain(objects, o => o.Name == "api-service-route-mirror");
        distribution = await ReadAsync("traefik://traffic/production/api-service-route/distribution");
        Assert.Equal("weighted", distribution["traffic_split"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task ScenarioA_DisableWithoutRestore_RefusesToBlackholeTheRoute()
    {
        AssertDelivered(await ProposeAsync("traefik_manage_weighted_routing", """
            {"action": "create", "route_name": "api-service-route", "namespace": "production", "hostname": "api.example.com",
             "stable_service": "api-service-stable", "canary_service": "api-service-canary", "stable_weight": 50, "canary_weight": 50}
            """));
        AssertDelivered(await ProposeAsync(Tool, """
            {"action": "enable", "route_name": "api-service-route", "namespace": "production", "mirror_percent": 20,
             "main_service": "api-service-stable", "mirror_service": "api-service-canary", "attach_to_ingress": true}
            """));

        var error = await ErrorAsync(Tool, """
            {"action": "disable", "route_name": "api-service-route", "namespace": "production", "restore_ingress_to_wrr": false}
            """);

        Assert.StartsWith(
            "Cannot delete api-service-route-mirror: it still receives live traffic.\n- IngressRoute production/api-service-route spec.routes[0].services[0]: points at api-service-route-mirror; deleting it would send that traffic nowhere.",
            error,
            StringComparison.Ordinal);
        Assert.Equal("api-service-route-mirror", IngressTarget(AssertWorktreeValid()));
    }

    [Fact]
    public async Task ScenarioA_Step2OnAStableOnlyRoute_UsersUnchangedAndTwentyPercentCopiedToTheCanary()
    {
        AssertDelivered(await ProposeAsync("traefik_manage_weighted_routing", """
            {"action": "create", "route_name": "api-service-route", "namespace": "production", "hostname": "api.example.com",
             "stable_service": "api-service-stable", "canary_service": "api-service-canary", "stable_weight": 100, "canary_weight": 0}
            """));

        var wired = await ProposeAsync(Tool, """
            {"action": "enable", "route_name": "api-service-route", "namespace": "production", "mirror_percent": 20,
             "main_service": "api-service-stable", "mirror_service": "api-service-canary", "attach_to_ingress": true}
            """);

        AssertDelivered(wired);
        Assert.Equal(
            ["production/api-service-route#0 updated: users unchanged (api-service-stable 100%) | 20% copied to api-service-canary"],
            TrafficImpactScenarioTests.Impact(wired));
        var entry = wired["traffic_impact"]![0]!;
        Assert.Equal([("api-service-stable", 100m)], TrafficImpactScenarioTests.Users(entry["after"]).Where(u => u.Item2 > 0));
        Assert.Equal([("api-service-stable", 100m)], TrafficImpactScenarioTests.Users(entry["before"]).Where(u => u.Item2 > 0));
        Assert.Empty(entry["before"]!["mirrors"]!.AsArray());
        var copy = Assert.Single(entry["after"]!["mirrors"]!.AsArray())!;
        Assert.Equal(("api-service-canary", 20m), (copy["service"]!.GetValue<string>(), copy["percent"]!.GetValue<decimal>()));
    }

    private static string IngressTarget(IEnumerable<KubernetesObject> objects) =>
        Assert.Single(Assert.Single(Find<IngressRoute>(objects, TraefikApi.IngressRouteKind, "production", "api-service-route").Spec.Routes).Services!).Name;

    private static string[] Strings(JsonNode array) => [.. array.AsArray().Select(a => a!.GetValue<string>())];
}
