using System.Text.Json.Nodes;
using Traefik.Manifests.Observability;
using Traefik.Mcp.Configuration;
using Traefik.Mcp.Tests.Support;
using Traefik.Mcp.Tests.Support.Prometheus;

namespace Traefik.Mcp.Tests.Observability;

/// <summary>
/// Two hours of Traefik metrics for a known story, backfilled into a real Prometheus: a stable backend
/// healthy throughout at 95% of the traffic, a canary at 5% whose 5xx ratio jumps in the last ten
/// minutes, a shadow v2 receiving copies of a fifth of stable's requests and failing 3% of them, and a
/// checkout route (a rule's only Service, so named after its router) whose latency spikes in the last
/// five minutes.
/// </summary>
public sealed class CanaryIncidentMetrics : PrometheusFixture
{
    public const string Stable = "production-api-service-stable-80@kubernetescrd";
    public const string Canary = "production-api-service-canary-80@kubernetescrd";
    public const string ShadowV2 = "production-api-service-v2-80@kubernetescrd";
    public const string CheckoutMatch = "Host(`checkout.example.com`)";

    public static readonly string Checkout = ServiceLabels.Router("production", "checkout-route", CheckoutMatch);

    public static readonly ServiceLoad StableLoad = new(95, 0.005, 0.01, LatencyProfile.Fast);

    protected override TrafficScenario CreateScenario(DateTimeOffset end) =>
        new TrafficScenario(end, TimeSpan.FromHours(2), TimeSpan.FromSeconds(15))
            .Service(Stable, _ => StableLoad)
            .Service(Canary, t => new ServiceLoad(5, t > end.AddMinutes(-10) ? 0.2 : 0.005, 0.01, LatencyProfile.Fast))
            .Service(ShadowV2, _ => new ServiceLoad(19, 0.03, 0.01, LatencyProfile.Fast))
            .Service(Checkout, t => new ServiceLoad(20, 0.002, 0.01, t > end.AddMinutes(-5) ? LatencyProfile.Slow : LatencyProfile.Fast));
}

public sealed class LiveFiguresTests(CanaryIncidentMetrics metrics) : McpTestBase, IClassFixture<CanaryIncidentMetrics>
{
    protected override TimeProvider Clock => new FixedClock(metrics.Server.End);

    protected override McpSettings Configure(McpSettings defaults) => defaults with { PrometheusUrl = metrics.Server.Url };

    [PrometheusFact]
    public async Task Distribution_ObservedSplit_Is95To5WithoutDrift()
    {
        await CreateRoutesAsync();

        var observed = (await ReadAsync("traefik://traffic/production/api-service-route/distribution"))["observed"]!;

        Assert.True(observed["available"]!.GetValue<bool>());
        Assert.False(observed["drift"]!.GetValue<bool>());
        var backends = observed["groups"]![0]!["backends"]!.AsArray();
        var stable = backends.Single(b => b!["service"]!.GetValue<string>() == "api-service-stable")!;
        var canary = backends.Single(b => b!["service"]!.GetValue<string>() == "api-service-canary")!;
        Assert.Equal(95, stable["observed_percent"]!.GetValue<double>(), 0.5);
        Assert.Equal(5, canary["observed_percent"]!.GetValue<double>(), 0.5);
        Assert.Equal(95m, stable["desired_percent"]!.GetValue<decimal>());
        Assert.False(canary["drifting"]!.GetValue<bool>());
        Assert.Equal(CanaryIncidentMetrics.Canary, canary["label"]!.GetValue<string>());
    }

    [PrometheusFact]
    public async Task Distribution_WeightsChangedButTrafficNot_FlagsDrift()
    {
        await CreateRoutesAsync();
        await ProposeAsync("traefik_manage_weighted_routing", """{"action": "update", "route_name": "api-service-route", "namespace": "production", "stable_weight": 50, "canary_weight": 50}""");

        var observed = (await ReadAsync("traefik://traffic/production/api-service-route/distribution"))["observed"]!;

        Assert.True(observed["drift"]!.GetValue<bool>());
        var canary = observed["groups"]![0]!["backends"]!.AsArray().Single(b => b!["service"]!.GetValue<string>() == "api-service-canary")!;
        Assert.True(canary["drifting"]!.GetValue<bool>());
        Assert.Equal(-45, canary["difference_points"]!.GetValue<double>(), 1.0);
    }

    [PrometheusFact]
    public async Task Summary_StableService_MatchesTheGeneratedTraffic()
    {
        await CreateRoutesAsync();
        var end = metrics.Server.End;

        var summary = await ReadAsync("traefik://metrics/production/api-service-stable/summary");

        Assert.True(summary["prometheus"]!["available"]!.GetValue<bool>());
        Assert.Equal([CanaryIncidentMetrics.Stable], summary["labels"]!.AsArray().Select(l => l!.GetValue<string>()));
        var expectedRate = metrics.Scenario.ExpectedRate(CanaryIncidentMetrics.Stable, end.AddMinutes(-5), end);
        Assert.Equal(expectedRate, summary["request_rate"]!.GetValue<double>(), expectedRate * 0.05);
        Assert.Equal(95, summary["request_rate"]!.GetValue<double>(), 95 * 0.06);
        var responses = summary["responses"]!;
        Assert.Equal(0.5, responses["server_error5xx"]!.GetValue<double>(), 0.2);
        Assert.Equal(1.0, responses["client_error4xx"]!.GetValue<double>(), 0.3);
        Assert.Equal(98.5, responses["success2xx"]!.GetValue<double>(), 0.4);
        var latency = summary["latency"]!;
        Assert.Equal(LatencyProfile.Fast.Quantile(0.5), latency["p50_seconds"]!.GetValue<double>(), 0.01);
        Assert.Equal(LatencyProfile.Fast.Quantile(0.95), latency["p95_seconds"]!.GetValue<double>(), LatencyProfile.Fast.Quantile(0.95) * 0.05);
        Assert.Equal(LatencyProfile.Fast.Quantile(0.99), latency["p99_seconds"]!.GetValue<double>(), LatencyProfile.Fast.Quantile(0.99) * 0.05);
        Assert.All(summary["queries"]!.AsArray(), q => Assert.Contains(CanaryIncidentMetrics.Stable.Replace("-", "-", StringComparison.Ordinal), q!.GetValue<string>(), StringComparison.Ordinal));
    }

    [PrometheusFact]
    public async Task CheckAnomalies_CanaryErrors_FlaggedAgainstBaselineAndStable_StableClean()
    {
        await CreateRoutesAsync();

        // Shadow-launch prompt 5: "Run a traffic anomaly check for api-service-route in production — use a 2 sigma threshold".
        var result = await CallAsync("traefik_check_anomalies", """{"route_name": "api-service-route", "namespace": "production", "sigma": 2}""");

        Assert.NotEqual(true, result.IsError);
        var report = JsonNode.Parse(result.StructuredContent!.Value.GetRawText())!;
        Assert.Equal("anomalies_found", report["status"]!.GetValue<string>());
        var findings = report["findings"]!.AsArray().Select(f => f!).ToList();
        Assert.All(findings, f => Assert.Equal("api-service-canary", f["service"]!.GetValue<string>()));
        var baseline = Assert.Single(findings, f => f["check"]!.GetValue<string>() == "baseline");
        Assert.Equal("error_ratio", baseline["metric"]!.GetValue<string>());
        Assert.Equal("critical", baseline["severity"]!.GetValue<string>());
        Assert.Equal(0.2, baseline["value"]!.GetValue<double>(), 0.03);
        Assert.True(baseline["threshold"]!.GetValue<double>() < baseline["value"]!.GetValue<double>());
        var versus = Assert.Single(findings, f => f["check"]!.GetValue<string>() == "versus_stable");
        Assert.Equal("error_ratio", versus["metric"]!.GetValue<string>());
        Assert.Matches(@"^canary api-service-canary: 5xx ratio (19|20)(\.\d+)?% against 0\.\d+% on api-service-stable in the same 5m \(threshold 1\.\d+%\)\. ", versus["message"]!.GetValue<string>());
        Assert.Contains($"service=\"{CanaryIncidentMetrics.Canary}\"", baseline["promql"]!.GetValue<string>(), StringComparison.Ordinal);

        var stable = report["routes"]![0]!["backends"]!.AsArray().Single(b => b!["service"]!.GetValue<string>() == "api-service-stable")!;
        Assert.All(stable["checks"]!.AsArray(), c => Assert.Equal("normal", c!["status"]!.GetValue<string>()));
        Assert.Contains("CRITICAL canary api-service-canary: 5xx ratio", Text(result), StringComparison.Ordinal);
    }

    [PrometheusFact]
    public async Task AnomaliesDetected_ClusterWide_FindsCanaryErrorsAndCheckoutLatencyOnly()
    {
        await CreateRoutesAsync();

        // Shadow-launch prompt 5: "Are there any traffic anomalies flagged cluster-wide right now?"
        var detected = await ReadAsync("traefik://anomalies/detected");

        Assert.Equal("all-routes", detected["scope"]!.GetValue<string>());
        var findings = detected["findings"]!.AsArray().Select(f => (Service: f!["service"]!.GetValue<string>(), Metric: f["metric"]!.GetValue<string>())).Distinct().ToList();
        Assert.Equal([("api-service-canary", "error_ratio"), ("checkout", "latency_p99")], findings.Order().ToList());
        var latency = detected["findings"]!.AsArray().Single(f => f!["service"]!.GetValue<string>() == "checkout")!;
        Assert.Equal(LatencyProfile.Slow.Quantile(0.99), latency["value"]!.GetValue<double>(), LatencyProfile.Slow.Quantile(0.99) * 0.1);
        Assert.Contains(CanaryIncidentMetrics.Checkout, latency["promql"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [PrometheusFact]
    public async Task AnomalyHistory_Namespace_ShowsWhenTheIncidentsStarted()
    {
        await CreateRoutesAsync();
        var end = metrics.Server.End;

        var history = await ReadAsync("traefik://anomalies/history/production");

        Assert.True(history["prometheus"]!["available"]!.GetValue<bool>());
        var entries = history["anomalies"]!.AsArray().Select(e => e!).ToList();
        var canary = entries.First(e => e["service"]!.GetValue<string>() == "api-service-canary" && e["metric"]!.GetValue<string>() == "error_ratio");
        Assert.InRange(canary["start"]!.GetValue<DateTimeOffset>(), end.AddMinutes(-10), end);
        Assert.Equal(end, canary["end"]!.GetValue<DateTimeOffset>());
        var checkout = entries.Single(e => e["service"]!.GetValue<string>() == "checkout");
        Assert.Equal(end, checkout["start"]!.GetValue<DateTimeOffset>());
        Assert.DoesNotContain(entries, e => e["service"]!.GetValue<string>() == "api-service-stable");
    }

    [PrometheusFact]
    public async Task ShadowLaunch_MirrorFailingMoreThanStable_FlaggedVersusStableAndUsersUnaffected()
    {
        await CreateRoutesAsync();
        await ProposeAsync("traefik_manage_traffic_mirroring", """
            {"action": "enable", "route_name": "api-service-route", "namespace": "production", "mirror_percent": 20,
             "main_service": "api-service-stable", "mirror_service": "api-service-v2", "attach_to_ingress": true}
            """);

        var observed = (await ReadAsync("traefik://traffic/production/api-service-route/distribution"))["observed"]!;
        var result = await CallAsync("traefik_check_anomalies", """{"route_name": "api-service-route", "namespace": "production"}""");

        var v2 = observed["groups"]![0]!["backends"]!.AsArray().Single(b => b!["service"]!.GetValue<string>() == "api-service-v2")!;
        Assert.Equal("mirror", v2["role"]!.GetValue<string>());
        Assert.Equal(20, v2["mirror_percent"]!.GetValue<int>());
        Assert.Equal(20, v2["observed_mirror_percent"]!.GetValue<double>(), 1.0);
        var report = JsonNode.Parse(result.StructuredContent!.Value.GetRawText())!;
        var finding = Assert.Single(report["findings"]!.AsArray())!;
        Assert.Equal(("api-service-v2", "error_ratio", "versus_stable"), (finding["service"]!.GetValue<string>(), finding["metric"]!.GetValue<string>(), finding["check"]!.GetValue<string>()));
        Assert.Matches(@"^mirror api-service-v2: 5xx ratio (2\.9|3)(\d|\.)*% against 0\.\d+% on api-service-stable in the same 5m", finding["message"]!.GetValue<string>());
        Assert.EndsWith("Its responses are discarded, so users are not affected; do not promote it until this is explained.", finding["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [PrometheusFact]
    public async Task Status_Reachable_ReportsVersion()
    {
        var status = await ReadAsync("traefik://metrics/prometheus/status");

        Assert.True(status["available"]!.GetValue<bool>());
        Assert.StartsWith("2.", status["version"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(status["last_success_at"]);
        Assert.Null(status["reason"]);
    }

    private async Task CreateRoutesAsync()
    {
        await ProposeAsync("traefik_manage_weighted_routing", """{"action": "create", "route_name": "api-service-route", "namespace": "production", "hostname": "api.example.com", "stable_service": "api-service-stable", "canary_service": "api-service-canary", "stable_weight": 95, "canary_weight": 5}""");
        await ProposeAsync("traefik_manage_simple_route", $$"""{"action": "create", "route_name": "checkout-route", "namespace": "production", "routes": [{"match": "{{CanaryIncidentMetrics.CheckoutMatch}}", "service_name": "checkout", "service_port": 80}]}""");
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
