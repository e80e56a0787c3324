using Traefik.Manifests.Model;
using Traefik.Mcp.Tests.Support;

namespace Traefik.Mcp.Tests.Tools;

/// <summary>traefik_manage_simple_route beyond the seed steps.</summary>
public sealed class SimpleRouteToolTests : McpTestBase
{
    [Fact]
    public async Task Delete_AWeightedRoutesIngressRoute_Refused()
    {
        await ProposeAsync("traefik_manage_weighted_routing", """
            {"action": "create", "route_name": "app", "hostname": "app.example.com", "stable_service": "app-stable"}
            """);

        var error = await ErrorAsync("traefik_manage_simple_route", """{"action": "delete", "route_name": "app"}""");

        Assert.Equal("route_name: IngressRoute default/app belongs to a weighted route (it points at TraefikService app-wrr); to delete it as a simple route would orphan app-wrr. Use the weighted route operations instead.", error);
        Assert.Equal(2, AssertWorktreeValid().Count);
    }
}
