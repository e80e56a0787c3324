using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Traefik.Mcp.Configuration;
using Traefik.Mcp.Tests.Support;

namespace Traefik.Mcp.Tests.Observability;

/// <summary>Without Prometheus every live figure says so plainly and carries no numbers.</summary>
public sealed class PrometheusNotConfiguredTests : McpTestBase
{
    [Fact]
    public async Task Status_NotConfigured_SaysSo()
    {
        var status = await ReadAsync("traefik://metrics/prometheus/status");

        Assert.False(status["configured"]!.GetValue<bool>());
        Assert.False(status["available"]!.GetValue<bool>());
        Assert.StartsWith("Prometheus is not configured", status["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(status["version"]);
    }

    [Fact]
    public async Task Summary_NotConfigured_HasNoNumbers()
    {
        var summary = await ReadAsync("traefik://metrics/production/api-service-stable/summary");

        Assert.False(summary["prometheus"]!["configured"]!.GetValue<bool>());
        Assert.False(summary["prometheus"]!["available"]!.GetValue<bool>());
        AssertNoNumbers(summary);
        Assert.Contains("traefik_service_requests_total", summary["queries"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anomalies_NotConfigured_StatusUnavailableWithoutFindings()
    {
        await ProposeAsync("traefik_manage_weighted_routing", """{"action": "create", "route_name": "api-service-route", "namespace": "production", "hostname": "api.example.com", "stable_service": "api-service-stable", "canary_service": "api-service-canary", "stable_weight": 90, "canary_weight": 10}""");

        var detected = await ReadAsync("traefik://anomalies/detected");
        var history = await ReadAsync("traefik://anomalies/history/production");
        var check = await CallAsync("traefik_check_anomalies", """{"route_name": "api-service-route", "namespace": "production"}""");

        Assert.Equal("unavailable", detected["status"]!.GetValue<string>());
        Assert.Empty(detected["findings"]!.AsArray());
        Assert.Empty(history["anomalies"]!.AsArray());
        Assert.False(history["prometheus"]!["available"]!.GetValue<bool>());
        Assert.NotEqual(true, check.IsError);
        Assert.StartsWith("Anomaly check for production/api-service-route: no figures. Prometheus is not configured", Text(check), StringComparison.Ordinal);
        var structured = JsonNode.Parse(check.StructuredContent!.Value.GetRawText())!;
        Assert.Equal("unavailable", structured["status"]!.GetValue<string>());
        Assert.Empty(structured["routes"]!.AsArray());
    }

    [Fact]
    public async Task Distribution_NotConfigured_ObservedSaysSo()
    {
        await ProposeAsync("traefik_manage_weighted_routing", """{"action": "create", "route_name": "api-service-route", "namespace": "production", "hostname": "api.example.com", "stable_service": "api-service-stable", "canary_service": "api-service-canary", "stable_weight": 90, "canary_weight": 10}""");

        var observed = (await ReadAsync("traefik://traffic/production/api-service-route/distribution"))["observed"]!;

        Assert.False(observed["configured"]!.GetValue<bool>());
        Assert.False(observed["available"]!.GetValue<bool>());
        Assert.Null(observed["groups"]);
    }

    [Theory]
    [InlineData("""{"route_name": "api-service-route", "namespace": "production", "sigma": 0}""", "sigma must be a number between 0.5 and 10 (default 2), not 0.")]
    [InlineData("""{"route_name": "api-service-route", "namespace": "production", "window": "5 minutes"}""", "window must be a duration like 5m or 1h between 1m and 6h, not '5 minutes'.")]
    [InlineData("""{"route_name": "api-service-route", "namespace": "production", "window": "10m", "baseline": "15m"}""", "baseline must be a whole multiple of window, between 4 and 1000 windows long (window 10m, baseline 15m).")]
    [InlineData("""{"route_name": "missing-route", "namespace": "production"}""", "IngressRoute production/missing-route is not in the repository. List routes with traefik://traffic/ingressroutes/list.")]
    public async Task CheckAnomalies_BadArguments_ToolErrorSaysWhatToFix(string arguments, string message)
    {
        await ProposeAsync("traefik_manage_weighted_routing", """{"action": "create", "route_name": "api-service-route", "namespace": "production", "hostname": "api.example.com", "stable_service": "api-service-stable"}""");

        Assert.Equal(message, await ErrorAsync("traefik_check_anomalies", arguments));
    }

    internal static void AssertNoNumbers(JsonNode view)
    {
        foreach (var name in new[] { "request_rate", "requests", "responses", "latency" })
        {
            Assert.Null(view[name]);
        }
    }
}

/// <summary>A configured Prometheus that does not answer: every view says why, and the status keeps the last error.</summary>
public sealed class PrometheusUnreachableTests : McpTestBase
{
    private static readonly int ClosedPort = FreePort();

    protected override McpSettings Configure(McpSettings defaults) =>
        defaults with { PrometheusUrl = new Uri($"http://127.0.0.1:{ClosedPort}/"), PrometheusTimeout = TimeSpan.FromSeconds(2) };

    [Fact]
    public async Task Summary_Unreachable_SaysNotReachableWithoutNumbers()
    {
        var summary = await ReadAsync("traefik://metrics/production/api-service-stable/summary");

        Assert.True(summary["prometheus"]!["configured"]!.GetValue<bool>());
        Assert.False(summary["prometheus"]!["available"]!.GetValue<bool>());
        Assert.StartsWith($"Prometheus at http://127.0.0.1:{ClosedPort}/ is not reachable", summary["prometheus"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        PrometheusNotConfiguredTests.AssertNoNumbers(summary);
    }

    [Fact]
    public async Task Status_AfterAFailedQuery_ReportsTheLastError()
    {
        await ReadAsync("traefik://metrics/production/api-service-stable/summary");

        var status = await ReadAsync("traefik://metrics/prometheus/status");

        Assert.True(status["configured"]!.GetValue<bool>());
        Assert.False(status["available"]!.GetValue<bool>());
        Assert.Contains("is not reachable", status["last_error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(status["last_error_at"]);
        Assert.Null(status["last_success_at"]);
        Assert.Equal("none", status["authentication"]!.GetValue<string>());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
