using System.Text.Json;
using Traefik.Mcp.Tests.Observability;
using Traefik.Mcp.Tests.Support.Prometheus;

namespace Traefik.Mcp.Tests.EndToEnd;

/// <summary>
/// The executable reading live figures from a real Prometheus (HTTP and JSON in the process under test:
/// run again by CI against the NativeAOT binary).
/// </summary>
public sealed class PrometheusEndToEndTests(CanaryIncidentMetrics metrics) : IClassFixture<CanaryIncidentMetrics>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("traefik-mcp-prometheus-").FullName;

    [PrometheusFact]
    public async Task Read_DistributionWithPrometheus_ShowsTheObservedSplit()
    {
        var (code, _, stderr) = await ProcessFixture.RunAsync(_dir, "call", "traefik_manage_weighted_routing", "--delivery", "worktree", "--args",
            """{"action":"create","route_name":"api-service-route","namespace":"production","hostname":"api.example.com","stable_service":"api-service-stable","canary_service":"api-service-canary","stable_weight":95,"canary_weight":5}""");
        Assert.True(code == 0, stderr);

        (code, var stdout, stderr) = await ProcessFixture.RunAsync(_dir, "read", "traefik://traffic/production/api-service-route/distribution",
            "--delivery", "worktree", "--prometheus-url", metrics.Server.Url.ToString());

        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var observed = doc.RootElement.GetProperty("observed");
        Assert.True(observed.GetProperty("available").GetBoolean(), stdout);
        var backends = observed.GetProperty("groups")[0].GetProperty("backends").EnumerateArray()
            .ToDictionary(b => b.GetProperty("service").GetString()!, b => b.GetProperty("observed_percent").GetDouble());
        Assert.Equal(95, backends["api-service-stable"], 1.0);
        Assert.Equal(5, backends["api-service-canary"], 1.0);
    }

    [PrometheusFact]
    public async Task Call_CheckAnomaliesOnAFailingCanary_ExitsFiveSoAPipelineCanStopTheRollout()
    {
        var (code, _, stderr) = await ProcessFixture.RunAsync(_dir, "call", "traefik_manage_weighted_routing", "--delivery", "worktree", "--args",
            """{"action":"create","route_name":"api-service-route","namespace":"production","hostname":"api.example.com","stable_service":"api-service-stable","canary_service":"api-service-canary","stable_weight":95,"canary_weight":5}""");
        Assert.True(code == 0, stderr);

        (code, var stdout, stderr) = await ProcessFixture.RunAsync(_dir, "call", "traefik_check_anomalies", "--delivery", "worktree", "--prometheus-url", metrics.Server.Url.ToString(),
            "--args", """{"route_name":"api-service-route","namespace":"production"}""");

        Assert.True(code == 5, $"exit {code}: {stdout}{stderr}");
        Assert.Contains("ANOMALY", stdout, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
