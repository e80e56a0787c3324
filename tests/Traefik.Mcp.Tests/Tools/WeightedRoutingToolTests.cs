using Traefik.Manifests.Model;
using Traefik.Mcp.Tests.Support;

namespace Traefik.Mcp.Tests.Tools;

/// <summary>traefik_manage_weighted_routing beyond the seed steps: its parameter table, both ways.</summary>
public sealed class WeightedRoutingToolTests : McpTestBase
{
    [Fact]
    public async Task Create_TlsOptionsAlone_TurnsTlsOnAsForASimpleRoute()
    {
        await ProposeAsync("traefik_manage_weighted_routing", """
            {"action": "create", "route_name": "app", "hostname": "app.example.com", "stable_service": "app-stable", "tls_options": "modern"}
            """);

        var route = Find<IngressRoute>(AssertWorktreeValid(), TraefikApi.IngressRouteKind, "default", "app");
        Assert.Equal(["websecure"], route.Spec.EntryPoints!);
        Assert.Equal("modern", route.Spec.Tls!.Options!.Name);
    }

    [Fact]
    public async Task Create_BadCanaryPortName_NamesTheParameterThatSetIt()
    {
        var byName = await ErrorAsync("traefik_manage_weighted_routing", """
            {"action": "create", "route_name": "app", "hostname": "app.example.com", "stable_service": "app-stable", "canary_service": "app-canary", "canary_weight": 10, "canary_port_name": "Not_A_Port"}
            """);
        var byNumber = await ErrorAsync("traefik_manage_weighted_routing", """
            {"action": "create", "route_name": "app", "hostname": "app.example.com", "stable_service": "app-stable", "canary_service": "app-canary", "canary_weight": 10, "canary_port": 0}
            """);

        Assert.StartsWith("The weighted route app is not valid.\n- canary_port_name: ", byName, StringComparison.Ordinal);
        Assert.StartsWith("The weighted route app is not valid.\n- canary_port: ", byNumber, StringComparison.Ordinal);
        Assert.Empty(WorktreeObjects());
    }

    [Fact]
    public async Task Update_ServiceWithoutItsWeight_OnlyTheGivenWeightChanges()
    {
        await ProposeAsync("traefik_manage_weighted_routing", """
            {"action": "create", "route_name": "app", "hostname": "app.example.com", "stable_service": "app-stable", "canary_service": "app-canary", "stable_weight": 90, "canary_weight": 10}
            """);

        var updated = await ProposeAsync("traefik_manage_weighted_routing", """
            {"action": "update", "route_name": "app", "stable_service": "app-stable", "canary_weight": 30}
            """);

        Assert.Equal([("app-stable", 90), ("app-canary", 30)], updated["outcome"]!["backends"]!.AsArray().Select(b => (b!["service"]!.GetValue<string>(), b["weight"]!.GetValue<int>())));
    }
}
