using System.Diagnostics;
using System.Text.Json;

namespace Traefik.Mcp.Tests.Support.Prometheus;

/// <summary>The test Prometheus itself: what it is fed, and that it answers with exactly that and leaves nothing behind.</summary>
public sealed class PrometheusServerTests
{
    private static readonly DateTimeOffset End = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0.5, 0.1 * 0.5 / 0.9)]
    [InlineData(0.95, 0.1 + (0.2 * 0.05 / 0.08))]
    [InlineData(0.99, 0.3 + (0.9 * 0.01 / 0.015))]
    [InlineData(0.999, 1.2 + (3.8 * 0.004 / 0.005))]
    public void Quantile_FastProfile_InterpolatesInsideTheBucketLikePrometheus(double q, double expected)
    {
        Assert.Equal(expected, LatencyProfile.Fast.Quantile(q), 9);
    }

    [Fact]
    public void ToOpenMetrics_CountersAreCumulativeWholeNumbersAndTheFileEndsWithEof()
    {
        var scenario = new TrafficScenario(End, TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(15))
            .Service("ns-a-80@kubernetescrd", _ => new ServiceLoad(10, 0.1, 0, LatencyProfile.Fast));

        var text = scenario.ToOpenMetrics();

        Assert.EndsWith("\n# EOF\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE traefik_service_requests counter\n", text, StringComparison.Ordinal);
        var totals = text.Split('\n')
            .Where(l => l.StartsWith("traefik_service_requests_total{code=\"500\"", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(41, totals.Count);
        Assert.Equal(totals.Order(), totals);
        Assert.Equal(600, scenario.ExpectedCount("ns-a-80@kubernetescrd", "500", End.AddMinutes(-10), End), 600 * 0.04);
        Assert.Equal(10, scenario.ExpectedRate("ns-a-80@kubernetescrd", End.AddMinutes(-10), End), 0.4);
    }

    [PrometheusFact]
    public async Task StartAsync_Scenario_AnswersWithItsFiguresAndStopsCleanly()
    {
        var end = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 15 * 15);
        var scenario = new TrafficScenario(end, TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(15))
            .Service("ns-a-80@kubernetescrd", _ => new ServiceLoad(10, 0.05, 0, LatencyProfile.Fast));
        var server = await PrometheusServer.StartAsync(scenario);
        int pid;
        try
        {
            using var http = new HttpClient();
            var rate = await QueryAsync(http, server, "sum(rate(traefik_service_requests_total[5m]))", end);
            var p99 = await QueryAsync(http, server, "histogram_quantile(0.99, sum by (le) (rate(traefik_service_request_duration_seconds_bucket[5m])))", end);
            var errors = await QueryAsync(http, server, "sum(increase(traefik_service_requests_total{code=\"500\"}[5m])) / sum(increase(traefik_service_requests_total[5m]))", end);

            Assert.Equal(scenario.ExpectedRate("ns-a-80@kubernetescrd", end.AddMinutes(-5), end), rate, 0.5);
            Assert.Equal(LatencyProfile.Fast.Quantile(0.99), p99, LatencyProfile.Fast.Quantile(0.99) * 0.01);
            Assert.Equal(0.05, errors, 0.005);
            pid = Process.GetProcesses().Single(p => p.ProcessName == "prometheus" && File.ReadAllText($"/proc/{p.Id}/cmdline").Contains(server.Url.Authority, StringComparison.Ordinal)).Id;
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.False(Directory.Exists($"/proc/{pid}") && File.ReadAllText($"/proc/{pid}/cmdline").Contains("prometheus", StringComparison.Ordinal));
    }

    private static async Task<double> QueryAsync(HttpClient http, PrometheusServer server, string query, DateTimeOffset at)
    {
        var url = new Uri(server.Url, $"api/v1/query?query={Uri.EscapeDataString(query)}&time={at.ToUnixTimeSeconds()}");
        using var doc = JsonDocument.Parse(await http.GetStringAsync(url));
        var value = doc.RootElement.GetProperty("data").GetProperty("result")[0].GetProperty("value")[1].GetString()!;
        return double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
