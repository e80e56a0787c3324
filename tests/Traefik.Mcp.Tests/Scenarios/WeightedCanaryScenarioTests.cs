using System.Text.Json.Nodes;
using Traefik.GitOps;
using Traefik.Manifests.Model;
using Traefik.Manifests.Tests.Support;
using Traefik.Mcp.Tests.Support;

namespace Traefik.Mcp.Tests.Scenarios;

/// <summary>
/// Traffic management scenario A (weighted canary), every step through the client. Steps are delivered
/// as commits on the route's proposal branch, so each one builds on the last, and the resources show the
/// pending branch.
/// </summary>
public sealed class WeightedCanaryScenarioTests : McpTestBase
{
    private const string Branch = "traefik/production/api-service-route";

    protected override DeliveryMode Delivery => DeliveryMode.Branch;

    [Fact]
    public async Task ScenarioA_WeightedCanary_EveryStepStacksOnTheProposalBranch()
    {
        // Step 1: create the route, 100% stable (the seed's prompt names both services).
        var created = await ProposeAsync("traefik_manage_weighted_routing", """
            {"action": "create", "route_name": "api-service-route", "namespace": "production", "hostname": "api.example.com",
             "stable_service": "api-service-stable", "canary_service": "api-service-canary", "stable_weight": 100, "canary_weight": 0}
            """);
        AssertDelivered(created);
        Assert.Equal("committed", created["delivery"]!["outcome"]!.GetValue<string>());
        Assert.Equal(Branch, created["delivery"]!["branch"]!.GetValue<string>());
        Assert.Equal(["created IngressRoute production/api-service-route", "created TraefikService production/api-service-route-wrr"], Changes(created));
        Assert.Equal([("api-service-stable", 100, 100m), ("api-service-canary", 0, 0m)], Shares(created["outcome"]!["backends"]!));
        AssertBranchValid(weights: [("api-service-stable", 100), ("api-service-canary", 0)]);
        Assert.Equal(["production/api-service-route#0 created: new router on web, no TLS | users: api-service-stable 100%, api-service-canary 0%"], TrafficImpactScenarioTests.Impact(created));
        Assert.Null(created["traffic_impact"]![0]!["before"]);
        Assert.Equal([("api-service-stable", 100m), ("api-service-canary", 0m)], TrafficImpactScenarioTests.Users(created["traffic_impact"]![0]!["after"]));

        // Step 2: the TraefikService is listed, flagged as pending on its proposal branch.
        var list = await ReadAsync("traefik://traffic/routes/list");
        var service = Assert.Single(list["services"]!.AsArray(), s => s!["name"]!.GetValue<string>() == "api-service-route-wrr")!;
        Assert.Equal("weighted", service["type"]!.GetValue<string>());
        Assert.Equal("production", service["namespace"]!.GetValue<string>());
        Assert.Equal([("api-service-stable", 100, 100m), ("api-service-canary", 0, 0m)], Shares(service["backends"]!));
        Assert.Equal(Branch, service["pending_proposal"]!["branch"]!.GetValue<string>());

        // Step 3: shift to 95/5.
        var shifted = await ProposeAsync("traefik_manage_weighted_routing", """
            {"action": "update", "route_name": "api-service-route", "namespace": "production", "stable_weight": 95, "canary_weight": 5}
            """);
        AssertDelivered(shifted);
        Assert.Equal(["updated TraefikService production/api-service-route-wrr"], Changes(shifted));
        Assert.Contains(shifted["object_changes"]![0]!["values"]!.AsArray(), v =>
            v!["field"]!.GetValue<string>() == "spec.weighted.services[api-service-canary].weight" && v["before"]!.GetValue<string>() == "0" && v["after"]!.GetValue<string>() == "5");
        Assert.Equal([("api-service-stable", 95, 95m), ("api-service-canary", 5, 5m)], Shares(shifted["outcome"]!["backends"]!));
        AssertBranchValid(weights: [("api-service-stable", 95), ("api-service-canary", 5)]);
        Assert.Equal(["production/api-service-route#0 updated: api-service-stable 100% → 95%, api-service-canary 0% → 5%"], TrafficImpactScenarioTests.Impact(shifted));
        Assert.Equal([("api-service-stable", 100m), ("api-service-canary", 0m)], TrafficImpactScenarioTests.Users(shifted["traffic_impact"]![0]!["before"]));
        Assert.Equal([("api-service-stable", 95m), ("api-service-canary", 5m)], TrafficImpactScenarioTests.Users(shifted["traffic_impact"]![0]!["after"]));

        // Step 4: the distribution shows the weighted split.
        var distribution = await ReadAsync("traefik://traffic/production/api-service-route/distribution");
        Assert.Equal("weighted", distribution["traffic_split"]!["type"]!.GetValue<string>());
        Assert.Equal("api-service-route-wrr", distribution["traffic_split"]!["traefik_service"]!.GetValue<string>());
        Assert.Equal([("api-service-stable", 95, 95m), ("api-service-canary", 5, 5m)], Shares(distribution["traffic_split"]!["backends"]!));
        Assert.Equal("Host(`api.example.com`)", distribution["ingress_route"]!["routes"]![0]!["match"]!.GetValue<string>());
        Assert.False(distribution["observed"]!["available"]!.GetValue<bool>());

        // Step 5: complete the rollout, 0/100.
        var completed = await ProposeAsync("traefik_manage_weighted_routing", """
            {"action": "update", "route_name": "api-service-route", "namespace": "production", "stable_weight": 0, "canary_weight": 100}
            """);
        AssertDelivered(completed);
        Assert.Equal([("api-service-stable", 0, 0m), ("api-service-canary", 100, 100m)], Shares(completed["outcome"]!["backends"]!));
        AssertBranchValid(weights: [("api-service-stable", 0), ("api-service-canary", 100)]);
        Assert.Equal(["production/api-service-route#0 updated: api-service-stable 95% → 0%, api-service-canary 5% → 100%"], TrafficImpactScenarioTests.Impact(completed));
        Assert.Equal([("api-service-stable", 0m), ("api-service-canary", 100m)], TrafficImpactScenarioTests.Users(completed["traffic_impact"]![0]!["after"]));

        // Step 6: clean up. The route was never merged, so deleting it cancels the whole proposal: the
        // branch is deleted instead of ending with an empty diff.
        var deleted = await ProposeAsync("traefik_manage_weighted_routing", """
            {"action": "delete", "route_name": "api-service-route", "namespace": "production"}
            """);
        AssertDelivered(deleted);
        Assert.Equal("branch_closed", deleted["delivery"]!["outcome"]!.GetValue<string>());
        Assert.Equal(["deleted IngressRoute production/api-service-route", "deleted TraefikService production/api-service-route-wrr"], Changes(deleted));
        Assert.Equal(["production/api-service-route#0 removed: router removed: requests it matched (api-service-canary 100%) get 404 unless another router matches them"], TrafficImpactScenarioTests.Impact(deleted));
        Assert.Null(deleted["traffic_impact"]![0]!["after"]);
        Assert.Equal(string.Empty, Git("branch", "--list", Branch));
        Assert.Empty(WorktreeObjects());
    }

    [Fact]
    public async Task ScenarioA_SingleBackendThenCanary_AddsTheCanaryOnUpdate()
    {
        // Step 1 exactly as the seed: canary_service omitted for a single-backend route.
        var created = await ProposeAsync("traefik_manage_weighted_routing", """
            {"action": "create", "route_name": "api-service-route", "namespace": "production", "hostname": "api.example.com",
             "stable_service": "api-service-stable", "stable_weight": 100, "canary_weight": 0}
            """);
        AssertDelivered(created);
        Assert.Equal([("api-service-stable", 100, 100m)], Shares(created["outcome"]!["backends"]!));

        // Step 3 needs to say which Service the 5% go to.
        var error = await ErrorAsync("traefik_manage_weighted_routing", """
            {"action": "update", "route_name": "api-service-route", "namespace": "production", "stable_weight": 95, "canary_weight": 5}
            """);
        Assert.Equal("The weights for route api-service-route are not valid.\n- canary_service: api-service-route has a single backend; give canary_service to add a canary with weight 5.", error);

        var shifted = await ProposeAsync("traefik_manage_weighted_routing", """
            {"action": "update", "route_name": "api-service-route", "namespace": "production", "stable_weight": 95, "canary_weight": 5, "canary_service": "api-service-canary"}
            """);
        AssertDelivered(shifted);
        Assert.Equal([("api-service-stable", 95, 95m), ("api-service-canary", 5, 5m)], Shares(shifted["outcome"]!["backends"]!));
        AssertBranchValid(weights: [("api-service-stable", 95), ("api-service-canary", 5)]);
    }

    private void AssertBranchValid((string Service, int Weight)[] weights)
    {
        var objects = BranchObjects(Branch);
        SchemaAssert.Valid(objects);
        var wrr = Find<TraefikService>(objects, TraefikApi.TraefikServiceKind, "production", "api-service-route-wrr");
        Assert.Equal(weights, wrr.Spec.Weighted!.Services!.Select(s => (s.Name, s.Weight ?? -1)));
        var route = Find<IngressRoute>(objects, TraefikApi.IngressRouteKind, "production", "api-service-route");
        Assert.Equal("api-service-route-wrr", Assert.Single(Assert.Single(route.Spec.Routes).Services!).Name);
    }

    private static (string, int, decimal)[] Shares(JsonNode backends) =>
        [.. backends.AsArray().Select(b => (b!["service"]!.GetValue<string>(), b["weight"]!.GetValue<int>(), b["percent"]!.GetValue<decimal>()))];
}
