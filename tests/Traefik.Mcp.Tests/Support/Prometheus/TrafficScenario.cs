using System.Globalization;
using System.Text;

namespace Traefik.Mcp.Tests.Support.Prometheus;

/// <summary>
/// Synthetic Traefik metrics (<c>traefik_service_requests_total</c> and
/// <c>traefik_service_request_duration_seconds</c>) for a set of <c>service</c> labels over a period, in
/// the OpenMetrics text format <c>promtool tsdb create-blocks-from openmetrics</c> reads. Counts are whole
/// numbers (fractions carried to the next sample, so long-run rates are exact), and the request rate
/// wobbles by ±3% so baselines have a spread like real traffic.
/// </summary>
public sealed class TrafficScenario(DateTimeOffset end, TimeSpan duration, TimeSpan step)
{
    private static readonly string[] Codes = ["200", "404", "500"];
    private readonly List<(string Label, Func<DateTimeOffset, ServiceLoad> Load)> _services = [];
    private (string Text, Dictionary<(string Label, string Code), long[]> Cumulative)? _generated;

    /// <summary>The last sample's time.</summary>
    public DateTimeOffset End { get; } = end;

    /// <summary>The first sample's time.</summary>
    public DateTimeOffset Start => End - duration;

    /// <summary>Time between samples.</summary>
    public TimeSpan Step { get; } = step;

    private int Samples => (int)(duration / Step) + 1;

    /// <summary>Adds a Traefik <c>service</c> label whose load at each instant is given.</summary>
    public TrafficScenario Service(string label, Func<DateTimeOffset, ServiceLoad> load)
    {
        _services.Add((label, load));
        _generated = null;
        return this;
    }

    /// <summary>Requests per second actually written for a label between two sample times.</summary>
    public double ExpectedRate(string label, DateTimeOffset from, DateTimeOffset to) =>
        Codes.Sum(code => ExpectedCount(label, code, from, to)) / (to - from).TotalSeconds;

    /// <summary>Requests with a status code actually written for a label between two sample times.</summary>
    public double ExpectedCount(string label, string code, DateTimeOffset from, DateTimeOffset to)
    {
        var counts = Generate().Cumulative[(label, code)];
        return counts[Index(to)] - counts[Index(from)];
    }

    /// <summary>The OpenMetrics text, ending with <c># EOF</c>.</summary>
    public string ToOpenMetrics() => Generate().Text;

    private int Index(DateTimeOffset time)
    {
        var index = (time - Start) / Step;
        return index % 1 == 0 && index >= 0 && index < Samples
            ? (int)index
            : throw new ArgumentOutOfRangeException(nameof(time), $"{time:O} is not a sample time of this scenario.");
    }

    private (string Text, Dictionary<(string Label, string Code), long[]> Cumulative) Generate() => _generated ??= Write();

    private (string Text, Dictionary<(string Label, string Code), long[]> Cumulative) Write()
    {
        var counters = new StringBuilder();
        var histograms = new StringBuilder();
        var cumulative = new Dictionary<(string, string), long[]>();
        counters.Append("# HELP traefik_service_requests How many HTTP requests processed on a service, partitioned by status code, protocol, and method.\n");
        counters.Append("# TYPE traefik_service_requests counter\n");
        histograms.Append("# HELP traefik_service_request_duration_seconds How long it took to process the request on a service, partitioned by status code, protocol, and method.\n");
        histograms.Append("# TYPE traefik_service_request_duration_seconds histogram\n");
        var phase = 0.0;
        foreach (var (label, load) in _services)
        {
            phase += 1.3;
            var loads = Enumerable.Range(0, Samples).Select(i => Start + (Step * i)).Select(t => (Time: t, Load: load(t))).ToList();
            foreach (var code in Codes)
            {
                var series = $"code=\"{code}\",method=\"GET\",protocol=\"http\",service=\"{label}\"";
                var buckets = loads[0].Load.Latency.Buckets.Count;
                var carry = new double[buckets];
                var perBucket = new long[buckets];
                var total = 0L;
                var sum = 0.0;
                var totals = new long[Samples];
                var lines = new StringBuilder();
                for (var i = 0; i < Samples; i++)
                {
                    var (time, l) = loads[i];
                    if (i > 0)
                    {
                        var wobble = 1 + (0.03 * Math.Sin((time.ToUnixTimeSeconds() / 420.0 * 2 * Math.PI) + phase));
                        var share = code switch { "500" => l.ServerErrorRatio, "404" => l.ClientErrorRatio, _ => 1 - l.ServerErrorRatio - l.ClientErrorRatio };
                        var requests = l.RequestsPerSecond * Step.TotalSeconds * wobble * share;
                        for (var b = 0; b < buckets; b++)
                        {
                            carry[b] += requests * l.Latency.Buckets[b].Fraction;
                            var whole = (long)Math.Floor(carry[b]);
                            carry[b] -= whole;
                            perBucket[b] += whole;
                            total += whole;
                            sum += whole * l.Latency.Midpoint(b);
                        }
                    }

                    totals[i] = total;
                    var ts = time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                    var cumulativeBucket = 0L;
                    for (var b = 0; b < buckets; b++)
                    {
                        cumulativeBucket += perBucket[b];
                        var le = double.IsPositiveInfinity(l.Latency.Buckets[b].UpperBound) ? "+Inf" : l.Latency.Buckets[b].UpperBound.ToString("0.0##", CultureInfo.InvariantCulture);
                        lines.Append(CultureInfo.InvariantCulture, $"traefik_service_request_duration_seconds_bucket{{{series},le=\"{le}\"}} {cumulativeBucket} {ts}\n");
                    }

                    lines.Append(CultureInfo.InvariantCulture, $"traefik_service_request_duration_seconds_sum{{{series}}} {sum.ToString("0.###", CultureInfo.InvariantCulture)} {ts}\n");
                    lines.Append(CultureInfo.InvariantCulture, $"traefik_service_request_duration_seconds_count{{{series}}} {total} {ts}\n");
                    counters.Append(CultureInfo.InvariantCulture, $"traefik_service_requests_total{{{series}}} {total} {ts}\n");
                }

                histograms.Append(lines);
                cumulative[(label, code)] = totals;
            }
        }

        return (counters.Append(histograms).Append("# EOF\n").ToString(), cumulative);
    }
}
