using Snapshooter;
using Snapshooter.Xunit;
using Traefik.Manifests.Model;
using Traefik.Manifests.Tcp;
using Traefik.Mcp.Tests.Support;

namespace Traefik.Mcp.Tests.Tools;

/// <summary>traefik_manage_tcp_routing and traefik_configure_tcp_middleware.</summary>
public sealed class TcpToolsTests : McpTestBase
{
    [Theory]
    [InlineData("native-list", """["10.0.0.0/8", "192.168.1.7"]""")]
    [InlineData("json-array-string", """ "[\"10.0.0.0/8\", \"192.168.1.7\"]" """)]
    [InlineData("comma-separated-string", """ "10.0.0.0/8, 192.168.1.7" """)]
    public async Task TcpMiddleware_SourceRangesInEveryAcceptedShape_SameAllowList(string shape, string sourceRanges)
    {
        var proposal = await ProposeAsync("traefik_configure_tcp_middleware", $$"""
            {"middleware_name": "db-allow", "namespace": "data", "source_ranges": {{sourceRanges}}}
            """);

        AssertDelivered(proposal);
        Assert.Equal(["created MiddlewareTCP data/db-allow"], Changes(proposal));
        var spec = Find<MiddlewareTcp>(AssertWorktreeValid(), TraefikApi.MiddlewareTcpKind, "data", "db-allow").Spec;
        Assert.True(spec.IpAllowList!.SourceRange!.SequenceEqual(["10.0.0.0/8", "192.168.1.7"]), shape);
    }

    [Fact]
    public async Task TcpRoute_PassthroughWithWeightsAndMiddlewares_ThenReplacedAndDeleted()
    {
        AssertDelivered(await ProposeAsync("traefik_configure_tcp_middleware", """
            {"middleware_name": "db-allow", "namespace": "data", "source_ranges": ["10.0.0.0/8"]}
            """));
        AssertDelivered(await ProposeAsync("traefik_configure_tcp_middleware", """
            {"middleware_name": "db-limit", "namespace": "data", "middleware_type": "in_flight_conn", "amount": 50}
            """));

        var created = await ProposeAsync("traefik_manage_tcp_routing", """
            {"action": "create", "route_name": "postgres", "namespace": "data", "entry_points": ["postgres"], "sni_match": "db.example.com",
             "tls_passthrough": true, "services": [{"name": "pg-primary", "port": 5432, "weight": 3}, {"name": "pg-next", "port": 5432, "weight": 1}],
             "middlewares": ["db-allow", "db-limit"]}
            """);

        AssertDelivered(created);
        Assert.Equal(["created IngressRouteTCP data/postgres"], Changes(created));
        Assert.Equal("HostSNI(`db.example.com`)", created["outcome"]!["match"]!.GetValue<string>());
        AssertWorktreeValid();
        Snapshot.Match(File.ReadAllText(Path.Combine(Work, "traefik", "data", "postgres", "ingressroutetcp-postgres.yaml")), new SnapshotNameExtension("route"));
        Snapshot.Match(File.ReadAllText(Path.Combine(Work, "traefik", "data", "db-limit", "middlewaretcp-db-limit.yaml")), new SnapshotNameExtension("in-flight-conn"));

        var inUse = await ErrorAsync("traefik_configure_tcp_middleware", """{"action": "delete", "middleware_name": "db-allow", "namespace": "data"}""");
        Assert.StartsWith("MiddlewareTCP data/db-allow is still used", inUse, StringComparison.Ordinal);

        var replaced = await ProposeAsync("traefik_manage_tcp_routing", """
            {"action": "create", "route_name": "postgres", "namespace": "data", "entry_points": ["postgres"], "service_name": "pg-primary", "service_port": 5432}
            """);
        AssertDelivered(replaced);
        var route = Find<IngressRouteTcp>(AssertWorktreeValid(), TraefikApi.IngressRouteTcpKind, "data", "postgres");
        Assert.Null(route.Spec.Tls);
        Assert.Null(Assert.Single(route.Spec.Routes).Middlewares);
        Assert.Equal("HostSNI(`*`)", route.Spec.Routes[0].Match);

        AssertDelivered(await ProposeAsync("traefik_manage_tcp_routing", """{"action": "delete", "route_name": "postgres", "namespace": "data"}"""));
        AssertDelivered(await ProposeAsync("traefik_configure_tcp_middleware", """{"action": "delete", "middleware_name": "db-allow", "namespace": "data"}"""));
        Assert.Equal(["db-limit"], AssertWorktreeValid().Select(o => o.Name));
    }
}
