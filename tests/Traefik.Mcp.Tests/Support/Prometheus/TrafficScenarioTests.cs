using System.Globalization;

namespace Traefik.Mcp.Tests.Support.Prometheus;

/// <summary>What the scenario writes for promtool: format, whole cumulative counts, consistent histograms, and the expected figures.</summary>
public sealed class TrafficScenarioTests
{
    private const string Api = "ns-api-80@kubernetescrd";
    private static readonly DateTimeOffset End = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ToOpenMetrics_Families_TypedWithoutTotalAndEndingWithEof()
    {
        var text = Small().ToOpenMetrics();

        var comments = text.Split('\n').Where(l => l.StartsWith('#')).ToList();
        Assert.Equal(
            [
                "# HELP traefik_service_requests How many HTTP requests processed on a service, partitioned by status code, protocol, and method.",
                "# TYPE traefik_service_requests counter",
                "# HELP traefik_service_request_duration_seconds How long it took to process the request on a service, partitioned by status code, protocol, and method.",
                "# TYPE traefik_service_request_duration_seconds histogram",
                "# EOF",
            ],
            comments);
        Assert.EndsWith("\n# EOF\n", text, StringComparison.Ordinal);
        Assert.Contains(
            $"traefik_service_requests_total{{code=\"500\",method=\"GET\",protocol=\"http\",service=\"{Api}\"}} 0 {End.AddMinutes(-10).ToUnixTimeSeconds()}\n",
            text,
            StringComparison.Ordinal);
        Assert.Equal(
            ["0.1", "0.3", "1.2", "5", "+Inf"],
            Parse(text).Keys.Where(k => k.Contains("_bucket{code=\"200\"", StringComparison.Ordinal)).Select(k => k.Split("le=\"")[1].TrimEnd('"', '}')).Distinct());
    }

    [Fact]
    public void ToOpenMetrics_EverySeries_WholeCumulativeCountsInTimeOrderOnePerStep()
    {
        var series = Parse(Small().ToOpenMetrics());

        Assert.Equal(2 * 3 * (1 + 5 + 2), series.Count);
        Assert.All(series, s =>
        {
            Assert.Equal(41, s.Value.Count);
            Assert.Equal(Enumerable.Range(0, 41).Select(i => End.AddMinutes(-10).AddSeconds(15 * i).ToUnixTimeSeconds() * 1.0), s.Value.Select(p => p.Time));
            Assert.Equal(s.Value.Select(p => p.Value).Order(), s.Value.Select(p => p.Value));
            Assert.Equal(0, s.Value[0].Value);
            Assert.True(s.Key.Contains("_sum{", StringComparison.Ordinal) || s.Value.All(p => p.Value % 1 == 0), s.Key);
        });
    }

    [Fact]
    public void ToOpenMetrics_TrickleOfRequests_EverySeriesStillNeverDecreases()
    {
        // Under one request per step, rounding moves requests between buckets from one sample to the next.
        var scenario = new TrafficScenario(End, TimeSpan.FromHours(2), TimeSpan.FromSeconds(15))
            .Service(Api, t => new ServiceLoad(0.07, 0.3, 0.3, t.Minute % 2 == 0 ? LatencyProfile.Slow : LatencyProfile.TimingOut));

        var series = Parse(scenario.ToOpenMetrics());

        Assert.All(series, s => Assert.True(s.Value.Zip(s.Value.Skip(1)).All(p => p.Second.Value >= p.First.Value), s.Key));
        Assert.Equal(0.07 * 0.3 * 7200, scenario.ExpectedCount(Api, "500", scenario.Start, End), 0.07 * 0.3 * 7200 * 0.05);
    }

    [Fact]
    public void ToOpenMetrics_Histogram_CumulativeOverLeAndCountEqualsTheRequestCounter()
    {
        var series = Parse(Small().ToOpenMetrics());

        foreach (var code in TrafficScenario.Codes)
        {
            var labels = $"code=\"{code}\",method=\"GET\",protocol=\"http\",service=\"{Api}\"";
            var buckets = new[] { "0.1", "0.3", "1.2", "5", "+Inf" }.Select(le => series[$"traefik_service_request_duration_seconds_bucket{{{labels},le=\"{le}\"}}"]).ToList();
            var count = series[$"traefik_service_request_duration_seconds_count{{{labels}}}"];
            var requests = series[$"traefik_service_requests_total{{{labels}}}"];
            for (var i = 0; i < count.Count; i++)
            {
                Assert.Equal(buckets.Select(b => b[i].Value).Order(), buckets.Select(b => b[i].Value));
                Assert.Equal(count[i].Value, buckets[^1][i].Value);
                Assert.Equal(requests[i].Value, count[i].Value);
            }
        }
    }

    [Fact]
    public void Expected_NoWobble_IsExactlyTheLoad()
    {
        var scenario = new TrafficScenario(End, TimeSpan.FromHours(1), TimeSpan.FromSeconds(15)) { Wobble = 0 }
            .Service(Api, _ => new ServiceLoad(10, 0.05, 0.02, LatencyProfile.Fast));
        var from = End.AddMinutes(-5);

        // Every written cumulative count is within one request of exact, so a window is within one per code.
        Assert.Equal(10, scenario.ExpectedRate(Api, from, End), 3.0 / 300);
        Assert.Equal(150, scenario.ExpectedCount(Api, "500", from, End), 1.0);
        Assert.Equal(60, scenario.ExpectedCount(Api, "404", from, End), 1.0);
        Assert.Equal(2790, scenario.ExpectedCount(Api, "200", from, End), 1.0);
        Assert.Equal(36000, scenario.ExpectedRate(Api, End.AddHours(-1), End) * 3600, 3.0);
        Assert.Equal(LatencyProfile.Fast.Quantile(0.99), scenario.ExpectedQuantile(Api, 0.99, End.AddHours(-1), End), 0.005);
        Assert.Equal(LatencyProfile.Fast.MeanSeconds, scenario.ExpectedMeanSeconds(Api, End.AddHours(-1), End), 0.001);
    }

    [Fact]
    public void Expected_Wobble_RateVariesByAFewPercentButAveragesOut()
    {
        var scenario = new TrafficScenario(End, TimeSpan.FromHours(2), TimeSpan.FromSeconds(15))
            .Service(Api, _ => new ServiceLoad(100, 0, 0, LatencyProfile.Fast));

        var perMinute = Enumerable.Range(1, 120).Select(m => scenario.ExpectedRate(Api, End.AddHours(-2).AddMinutes(m - 1), End.AddHours(-2).AddMinutes(m))).ToList();

        Assert.InRange(perMinute.Min(), 96.5, 99);
        Assert.InRange(perMinute.Max(), 101, 103.5);
        Assert.Equal(100, scenario.ExpectedRate(Api, End.AddHours(-2), End), 0.2);
    }

    [Fact]
    public void Expected_LoadChangesAtAnInstant_CountsFromTheStepEndingThere()
    {
        var change = End.AddMinutes(-5);
        var scenario = new TrafficScenario(End, TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(15)) { Wobble = 0 }
            .Service(Api, t => new ServiceLoad(t > change ? 30 : 10, 0, 0, LatencyProfile.Fast));

        Assert.Equal(10, scenario.ExpectedRate(Api, End.AddMinutes(-10), change), 1.0 / 300);
        Assert.Equal(30, scenario.ExpectedRate(Api, change, End), 1.0 / 300);
        Assert.Equal(10, scenario.ExpectedRate(Api, change.AddSeconds(-15), change), 1.0 / 15);
        Assert.Equal(30, scenario.ExpectedRate(Api, change, change.AddSeconds(15)), 1.0 / 15);
    }

    [Fact]
    public void Expected_NotASampleTimeOrUnknownLabel_Throws()
    {
        var scenario = Small();

        var time = Assert.Throws<ArgumentOutOfRangeException>(() => scenario.ExpectedRate(Api, End.AddSeconds(-7), End));
        var label = Assert.Throws<ArgumentException>(() => scenario.ExpectedCount("ns-other-80@kubernetescrd", "500", End.AddMinutes(-5), End));

        Assert.Equal("from", time.ParamName);
        Assert.Equal(End.AddSeconds(-15), scenario.SampleAtOrBefore(End.AddSeconds(-7)));
        Assert.StartsWith("service \"ns-other-80@kubernetescrd\" is not in the scenario.", label.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToOpenMetrics_InvalidLoad_NamesTheServiceAndTime()
    {
        var scenario = new TrafficScenario(End, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(15))
            .Service(Api, t => new ServiceLoad(10, t == End ? 0.7 : 0, 0.4, LatencyProfile.Fast));

        var error = Assert.Throws<ArgumentException>(scenario.ToOpenMetrics);

        Assert.Equal($"service \"{Api}\" at {End:O}: ServerErrorRatio 0.7 and ClientErrorRatio 0.4 must be ≥ 0 and add up to at most 1.", error.Message);
    }

    [Fact]
    public void New_DurationNotAMultipleOfTheStep_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrafficScenario(End, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(15)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrafficScenario(End, TimeSpan.FromMinutes(1), TimeSpan.Zero));
    }

    /// <summary>Two services over ten minutes: 41 samples each.</summary>
    private static TrafficScenario Small() =>
        new TrafficScenario(End, TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(15))
            .Service(Api, _ => new ServiceLoad(10, 0.1, 0.02, LatencyProfile.Fast))
            .Service("ns-web-80@kubernetescrd", t => new ServiceLoad(3, 0, 0, t > End.AddMinutes(-2) ? LatencyProfile.Slow : LatencyProfile.Fast));

    /// <summary>Samples by series (name and labels as written), in file order.</summary>
    private static Dictionary<string, List<(double Value, double Time)>> Parse(string text)
    {
        var series = new Dictionary<string, List<(double Value, double Time)>>();
        foreach (var line in text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var parts = line.Split(' ');
            Assert.Equal(3, parts.Length);
            var samples = series.TryGetValue(parts[0], out var s) ? s : series[parts[0]] = [];
            samples.Add((double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture)));
        }

        return series;
    }
}
