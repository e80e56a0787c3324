using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;

namespace Traefik.Mcp.Tests.Support.Prometheus;

/// <summary>Two hours of four services, backfilled into a real Prometheus by the base fixture.</summary>
public sealed class SelfTestMetrics : PrometheusFixture
{
    public const string Constant = "selftest-constant-80@kubernetescrd";
    public const string Busy = "selftest-busy-80@kubernetescrd";
    public const string Stepped = "selftest-stepped-80@kubernetescrd";
    public const string TimingOut = "selftest-timingout-80@kubernetescrd";

    protected override TrafficScenario CreateScenario(DateTimeOffset end) =>
        new TrafficScenario(end, TimeSpan.FromHours(2), TimeSpan.FromSeconds(15))
            .Service(Constant, _ => new ServiceLoad(10, 0.05, 0.02, LatencyProfile.Fast))
            .Service(Busy, _ => new ServiceLoad(100, 0, 0, LatencyProfile.Fast))
            .Service(Stepped, t => t > end.AddMinutes(-30) ? new ServiceLoad(30, 0, 0, LatencyProfile.Slow) : new ServiceLoad(10, 0, 0, LatencyProfile.Fast))
            .Service(TimingOut, _ => new ServiceLoad(5, 0.01, 0, LatencyProfile.TimingOut));
}

/// <summary>The test Prometheus itself: it answers PromQL with exactly the figures the scenario wrote.</summary>
public sealed class PrometheusServerTests(SelfTestMetrics metrics) : IClassFixture<SelfTestMetrics>
{
    private const string Requests = "traefik_service_requests_total";
    private const string Buckets = "traefik_service_request_duration_seconds_bucket";

    private DateTimeOffset End => metrics.Server.End;

    [PrometheusFact]
    public async Task Rate_ConstantTenPerSecond_IsTenAndExactlyWhatWasWritten()
    {
        var rate = await ScalarAsync($"sum(rate({Requests}{{service=\"{SelfTestMetrics.Constant}\"}}[5m]))", End);

        Assert.Equal(10, rate, 0.5);
        Assert.Equal(metrics.Scenario.ExpectedRate(SelfTestMetrics.Constant, End.AddMinutes(-5), End), rate, 1e-9);
    }

    [PrometheusFact]
    public async Task Rate_BeforeAndAfterTheStep_MatchesTheTimeline()
    {
        var before = await ScalarAsync($"sum(rate({Requests}{{service=\"{SelfTestMetrics.Stepped}\"}}[5m]))", End.AddHours(-1));
        var after = await ScalarAsync($"sum(rate({Requests}{{service=\"{SelfTestMetrics.Stepped}\"}}[5m]))", End);

        Assert.Equal(10, before, 0.5);
        Assert.Equal(metrics.Scenario.ExpectedRate(SelfTestMetrics.Stepped, End.AddMinutes(-65), End.AddHours(-1)), before, 1e-9);
        Assert.Equal(30, after, 1.5);
    }

    // Within 1% of the profile needs enough requests in the bucket holding the rank (each one moves the answer by
    // width / count): 100/s puts 450 in Fast's 0.3–1.2 s bucket over 5m. At any rate, the figure equals ExpectedQuantile.
    [PrometheusTheory]
    [InlineData(SelfTestMetrics.Busy, 0.5)]
    [InlineData(SelfTestMetrics.Busy, 0.95)]
    [InlineData(SelfTestMetrics.Busy, 0.99)]
    [InlineData(SelfTestMetrics.Stepped, 0.99)]
    [InlineData(SelfTestMetrics.TimingOut, 0.99)]
    public async Task HistogramQuantile_MatchesTheProfile(string service, double q)
    {
        var profile = service switch
        {
            SelfTestMetrics.Busy => LatencyProfile.Fast,
            SelfTestMetrics.Stepped => LatencyProfile.Slow,
            _ => LatencyProfile.TimingOut,
        };

        var quantile = await ScalarAsync(string.Create(CultureInfo.InvariantCulture, $"histogram_quantile({q}, sum by (le) (rate({Buckets}{{service=\"{service}\"}}[5m])))"), End);

        Assert.Equal(profile.Quantile(q), quantile, profile.Quantile(q) * 0.01);
        Assert.Equal(metrics.Scenario.ExpectedQuantile(service, q, End.AddMinutes(-5), End), quantile, 1e-9);
    }

    [PrometheusFact]
    public async Task HistogramQuantile_FewRequests_StillExactlyWhatWasWritten()
    {
        var quantile = await ScalarAsync($"histogram_quantile(0.99, sum by (le) (rate({Buckets}{{service=\"{SelfTestMetrics.Constant}\"}}[5m])))", End);

        // About 45 requests in the 0.3–1.2 s bucket: a request more or less below the rank moves p99 by 2%, so
        // only the written counts tell the exact figure.
        Assert.Equal(metrics.Scenario.ExpectedQuantile(SelfTestMetrics.Constant, 0.99, End.AddMinutes(-5), End), quantile, 1e-9);
        Assert.InRange(quantile, 0.3, 1.2);
    }

    [PrometheusFact]
    public async Task ServerErrorShare_IsTheScenarioRatio()
    {
        var share = await ScalarAsync(
            $"sum(rate({Requests}{{service=\"{SelfTestMetrics.Constant}\",code=~\"5..\"}}[5m])) / sum(rate({Requests}{{service=\"{SelfTestMetrics.Constant}\"}}[5m]))",
            End);

        var (from, to) = (End.AddMinutes(-5), End);
        var written = metrics.Scenario.ExpectedCount(SelfTestMetrics.Constant, "500", from, to) / (metrics.Scenario.ExpectedRate(SelfTestMetrics.Constant, from, to) * 300);
        Assert.Equal(0.05, share, 0.005);
        Assert.Equal(written, share, 1e-9);
    }

    [PrometheusFact]
    public async Task MeanLatency_SumOverCount_IsWhatWasWritten()
    {
        var mean = await ScalarAsync(
            $"sum(rate(traefik_service_request_duration_seconds_sum{{service=\"{SelfTestMetrics.Constant}\"}}[5m])) / sum(rate(traefik_service_request_duration_seconds_count{{service=\"{SelfTestMetrics.Constant}\"}}[5m]))",
            End);

        Assert.Equal(metrics.Scenario.ExpectedMeanSeconds(SelfTestMetrics.Constant, End.AddMinutes(-5), End), mean, 1e-6);
        Assert.Equal(LatencyProfile.Fast.MeanSeconds, mean, LatencyProfile.Fast.MeanSeconds * 0.05);
    }

    [PrometheusFact]
    public async Task Backfill_EverySampleOfEverySeries_IsStored()
    {
        // promtool drops out-of-order samples without failing, so count what Prometheus holds.
        string[] names = [Requests, Buckets, "traefik_service_request_duration_seconds_sum", "traefik_service_request_duration_seconds_count"];
        var samples = new List<(Dictionary<string, string> Labels, double Value)>();
        foreach (var name in names)
        {
            samples.AddRange(await QueryAsync($"count_over_time({name}[2h])", End));
        }

        Assert.Equal(4 * 3 * (1 + 5 + 2), samples.Count);
        Assert.All(samples, s => Assert.Equal(481, s.Value));
        Assert.Equal(metrics.Scenario.Labels.Order(), samples.Select(s => s.Labels["service"]).Distinct().Order());
    }

    [PrometheusFact]
    public async Task Wobble_ConstantLoad_HasANonZeroStandardDeviation()
    {
        var deviation = await ScalarAsync($"stddev_over_time(sum(rate({Requests}{{service=\"{SelfTestMetrics.Constant}\"}}[1m]))[1h:1m])", End);

        Assert.InRange(deviation, 0.05, 0.5);
    }

    private async Task<double> ScalarAsync(string query, DateTimeOffset at)
    {
        var result = await QueryAsync(query, at);
        return Assert.Single(result).Value;
    }

    private Task<List<(Dictionary<string, string> Labels, double Value)>> QueryAsync(string query, DateTimeOffset at) =>
        PrometheusQuery.InstantAsync(metrics.Server.Url, query, at);
}

/// <summary>Starting and stopping: nothing is left behind.</summary>
public sealed class PrometheusServerLifetimeTests
{
    [PrometheusFact]
    public async Task DisposeAsync_RunningServer_StopsEveryProcessAndDeletesItsFolder()
    {
        var end = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 15 * 15);
        var scenario = new TrafficScenario(end, TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(15))
            .Service("ns-a-80@kubernetescrd", _ => new ServiceLoad(10, 0, 0, LatencyProfile.Fast));
        var server = await PrometheusServer.StartAsync(scenario);
        List<int> tree;
        string data;
        try
        {
            tree = Descendants(server.ProcessId).Prepend(server.ProcessId).ToList();
            var prometheus = Assert.Single(tree, pid => CommandLine(pid).StartsWith(PrometheusServer.Binary("prometheus") + " ", StringComparison.Ordinal));
            Assert.Contains($"--web.listen-address={server.Url.Authority}", CommandLine(prometheus), StringComparison.Ordinal);
            data = CommandLine(prometheus).Split(' ').Single(a => a.StartsWith("--storage.tsdb.path=", StringComparison.Ordinal))["--storage.tsdb.path=".Length..];
            Assert.True(Directory.Exists(data));
            Assert.Single(await PrometheusQuery.InstantAsync(server.Url, "traefik_service_requests_total{code=\"200\"}", end));
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.All(tree, pid => Assert.False(Alive(pid), $"process {pid} ({CommandLine(pid)}) is still running"));
        Assert.False(Directory.Exists(Path.GetDirectoryName(data)));
        using var client = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync(server.Url.Host, server.Url.Port));
    }

    private static IEnumerable<int> Descendants(int pid)
    {
        var children = Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsAsciiDigit))
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture))
            .Where(child => Stat(child) is { } stat && stat.ParentId == pid)
            .ToList();
        return children.Concat(children.SelectMany(Descendants));
    }

    private static bool Alive(int pid) => Stat(pid) is { } stat && stat.State != 'Z';

    /// <summary>State and parent from /proc/pid/stat (the command name in parentheses may hold spaces).</summary>
    private static (char State, int ParentId)? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').TrimEnd();
        }
        catch (IOException)
        {
            return "gone";
        }
    }
}

/// <summary>A plain HTTP instant query, independent of the product's Prometheus client.</summary>
internal static class PrometheusQuery
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static async Task<List<(Dictionary<string, string> Labels, double Value)>> InstantAsync(Uri server, string query, DateTimeOffset at)
    {
        var time = (at.ToUnixTimeMilliseconds() / 1000m).ToString(CultureInfo.InvariantCulture);
        var url = new Uri(server, $"api/v1/query?query={Uri.EscapeDataString(query)}&time={time}");
        using var response = await Http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{query}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("data").GetProperty("result").EnumerateArray()
            .Select(r => (
                r.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
                double.Parse(r.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))
            .ToList();
    }
}
