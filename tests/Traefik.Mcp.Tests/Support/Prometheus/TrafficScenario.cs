using System.Globalization;
using System.Text;

namespace Traefik.Mcp.Tests.Support.Prometheus;

/// <summary>
/// Synthetic Traefik metrics for a set of <c>service</c> labels over a period, in the OpenMetrics text
/// <c>promtool tsdb create-blocks-from openmetrics</c> reads: <c>traefik_service_requests_total</c> and the
/// <c>traefik_service_request_duration_seconds</c> histogram, labelled <c>code</c> ("200", "404", "500"),
/// <c>method="GET"</c>, <c>protocol="http"</c> and <c>service</c>, one sample per step from <see cref="Start"/> to
/// <see cref="End"/> (both included), every counter starting at 0.
/// </summary>
/// <remarks>
/// Counts are whole numbers: every written cumulative value is the exact expected one rounded down (so within one
/// request of it at every instant, and long-run rates are exact), and every histogram <c>_count</c> equals its
/// request counter. The request rate wobbles by <see cref="Wobble"/>
/// (a sine with a 7-minute period, shifted per service) so baselines have a spread like real traffic. The
/// <c>Expected*</c> methods read back what was actually written, between two sample times.
/// </remarks>
public sealed class TrafficScenario
{
    /// <summary>The status codes written: success, client error, server error.</summary>
    public static IReadOnlyList<string> Codes { get; } = ["200", "404", "500"];

    private const string Requests = "traefik_service_requests";
    private const string Durations = "traefik_service_request_duration_seconds";
    private readonly List<(string Label, Func<DateTimeOffset, ServiceLoad> Load)> _services = [];
    private Generated? _generated;

    /// <summary>Creates an empty scenario: samples every <paramref name="step"/> over <paramref name="duration"/> up to <paramref name="end"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The step is not positive, or the duration is not a positive multiple of it.</exception>
    public TrafficScenario(DateTimeOffset end, TimeSpan duration, TimeSpan step)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero);
        if (duration < step || duration.Ticks % step.Ticks != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, $"must be a positive multiple of the step ({step}).");
        }

        End = end;
        Duration = duration;
        Step = step;
    }

    /// <summary>The last sample's time.</summary>
    public DateTimeOffset End { get; }

    /// <summary>The first sample's time (every counter is 0 there).</summary>
    public DateTimeOffset Start => End - Duration;

    /// <summary>The period covered.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Time between samples.</summary>
    public TimeSpan Step { get; }

    /// <summary>The relative amplitude of the request rate's wobble.</summary>
    /// <value>The default value is 0.03 (±3%); 0 writes the loads exactly.</value>
    public double Wobble { get; init; } = 0.03;

    /// <summary>The <c>service</c> labels, in the order they were added.</summary>
    public IReadOnlyList<string> Labels => _services.Select(s => s.Label).ToList();

    private int Samples => (int)(Duration.Ticks / Step.Ticks) + 1;

    /// <summary>Adds a Traefik <c>service</c> label whose load at each instant is given.</summary>
    /// <exception cref="ArgumentException">The label is empty or already added.</exception>
    public TrafficScenario Service(string label, Func<DateTimeOffset, ServiceLoad> load)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        ArgumentNullException.ThrowIfNull(load);
        if (_services.Exists(s => s.Label == label))
        {
            throw new ArgumentException($"service \"{label}\" is already in the scenario.", nameof(label));
        }

        _services.Add((label, load));
        _generated = null;
        return this;
    }

    /// <summary>The sample time at or before <paramref name="time"/>, when it lies within the scenario.</summary>
    public DateTimeOffset SampleAtOrBefore(DateTimeOffset time) => Start + (Step * Math.Floor((time - Start) / Step));

    /// <summary>Requests per second actually written for a label between two sample times (what <c>rate()</c> over exactly that window gives).</summary>
    public double ExpectedRate(string label, DateTimeOffset from, DateTimeOffset to) =>
        Codes.Sum(code => ExpectedCount(label, code, from, to)) / (to - from).TotalSeconds;

    /// <summary>Requests with a status code actually written for a label between two sample times.</summary>
    public double ExpectedCount(string label, string code, DateTimeOffset from, DateTimeOffset to)
    {
        var series = Series(label, code);
        return series.Totals[Index(to, nameof(to))] - series.Totals[Index(from, nameof(from))];
    }

    /// <summary>
    /// What <c>histogram_quantile(q, sum by (le) (rate(…_bucket{service=label}[to - from])))</c> evaluated at
    /// <paramref name="to"/> gives for the counts actually written (all codes together).
    /// </summary>
    public double ExpectedQuantile(string label, double q, DateTimeOffset from, DateTimeOffset to)
    {
        var (i, j) = (Index(from, nameof(from)), Index(to, nameof(to)));
        var bounds = Codes.Select(c => Series(label, c)).First().Bounds;
        var cumulative = new (double, double)[bounds.Length];
        var below = 0L;
        for (var b = 0; b < bounds.Length; b++)
        {
            below += Codes.Sum(c => Series(label, c).Buckets[j][b] - Series(label, c).Buckets[i][b]);
            cumulative[b] = (bounds[b], below);
        }

        return LatencyProfile.HistogramQuantile(q, cumulative);
    }

    /// <summary>The mean request duration actually written for a label between two sample times (<c>_sum / _count</c>).</summary>
    public double ExpectedMeanSeconds(string label, DateTimeOffset from, DateTimeOffset to)
    {
        var (i, j) = (Index(from, nameof(from)), Index(to, nameof(to)));
        var series = Codes.Select(c => Series(label, c)).ToList();
        return series.Sum(s => s.Sum[j] - s.Sum[i]) / series.Sum(s => s.Totals[j] - s.Totals[i]);
    }

    /// <summary>The OpenMetrics text: the counter family, then the histogram family, each series in time order, ending with <c># EOF</c>.</summary>
    public string ToOpenMetrics() => Generate().Text;

    private int Index(DateTimeOffset time, string parameter)
    {
        var index = (time - Start) / Step;
        return index % 1 == 0 && index >= 0 && index < Samples
            ? (int)index
            : throw new ArgumentOutOfRangeException(parameter, time, $"not a sample time of this scenario ({Start:O} to {End:O} every {Step}); see SampleAtOrBefore.");
    }

    private CodeSeries Series(string label, string code)
    {
        var all = Generate().Series;
        return all.TryGetValue((label, code), out var series)
            ? series
            : throw new ArgumentException(
                all.Keys.Any(k => k.Label == label) ? $"code \"{code}\" is not written (only {string.Join(", ", Codes)})." : $"service \"{label}\" is not in the scenario.",
                all.Keys.Any(k => k.Label == label) ? nameof(code) : nameof(label));
    }

    private Generated Generate() => _generated ??= Write();

    private Generated Write()
    {
        var all = new Dictionary<(string Label, string Code), CodeSeries>();
        var phase = 0.0;
        foreach (var (label, load) in _services)
        {
            phase += 1.3;
            var loads = Loads(label, load);
            foreach (var code in Codes)
            {
                all[(label, code)] = Count(loads, code, phase);
            }
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# HELP {Requests} How many HTTP requests processed on a service, partitioned by status code, protocol, and method.\n");
        text.Append(CultureInfo.InvariantCulture, $"# TYPE {Requests} counter\n");
        foreach (var (label, code, series) in Ordered(all))
        {
            var labels = SeriesLabels(label, code);
            for (var i = 0; i < Samples; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{Requests}_total{{{labels}}} {series.Totals[i]} {Timestamp(i)}\n");
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"# HELP {Durations} How long it took to process the request on a service, partitioned by status code, protocol, and method.\n");
        text.Append(CultureInfo.InvariantCulture, $"# TYPE {Durations} histogram\n");
        foreach (var (label, code, series) in Ordered(all))
        {
            var labels = SeriesLabels(label, code);
            for (var i = 0; i < Samples; i++)
            {
                var ts = Timestamp(i);
                var cumulative = 0L;
                for (var b = 0; b < series.Bounds.Length; b++)
                {
                    cumulative += series.Buckets[i][b];
                    text.Append(CultureInfo.InvariantCulture, $"{Durations}_bucket{{{labels},le=\"{series.Les[b]}\"}} {cumulative} {ts}\n");
                }

                text.Append(CultureInfo.InvariantCulture, $"{Durations}_sum{{{labels}}} {series.Sum[i].ToString("R", CultureInfo.InvariantCulture)} {ts}\n");
                text.Append(CultureInfo.InvariantCulture, $"{Durations}_count{{{labels}}} {series.Totals[i]} {ts}\n");
            }
        }

        text.Append("# EOF\n");
        return new Generated(text.ToString(), all);
    }

    private IEnumerable<(string Label, string Code, CodeSeries Series)> Ordered(Dictionary<(string Label, string Code), CodeSeries> all) =>
        _services.SelectMany(s => Codes.Select(c => (s.Label, c, all[(s.Label, c)])));

    private ServiceLoad[] Loads(string label, Func<DateTimeOffset, ServiceLoad> load)
    {
        var loads = new ServiceLoad[Samples];
        for (var i = 0; i < Samples; i++)
        {
            var time = Start + (Step * i);
            loads[i] = load(time) ?? throw new ArgumentException($"service \"{label}\" at {time:O}: the load function returned null.");
            if (loads[i].Problem is { } problem)
            {
                throw new ArgumentException($"service \"{label}\" at {time:O}: {problem}.");
            }

            if (!loads[i].Latency.SameBounds(loads[0].Latency))
            {
                throw new ArgumentException($"service \"{label}\" at {time:O}: the latency profile's bucket bounds differ from the first sample's; a histogram keeps its buckets.");
            }
        }

        return loads;
    }

    /// <summary>
    /// Whole-number counts for one code: every written cumulative value (per <c>le</c>, and the total) is the exact
    /// expected cumulative count rounded down, so each is within one request of exact, at every instant.
    /// </summary>
    private CodeSeries Count(ServiceLoad[] loads, string code, double phase)
    {
        var profile = loads[0].Latency;
        var bounds = profile.Buckets.Select(b => b.UpperBound).ToArray();
        var les = Enumerable.Range(0, bounds.Length).Select(profile.Le).ToArray();
        var exact = new double[bounds.Length];
        var buckets = new long[Samples][];
        var totals = new long[Samples];
        var sums = new double[Samples];
        buckets[0] = new long[bounds.Length];
        for (var i = 1; i < Samples; i++)
        {
            var load = loads[i];
            var seconds = (Start + (Step * i)).ToUnixTimeMilliseconds() / 1000.0;
            var wobble = 1 + (Wobble * Math.Sin((seconds / 420.0 * 2 * Math.PI) + phase));
            var share = code switch
            {
                "500" => load.ServerErrorRatio,
                "404" => load.ClientErrorRatio,
                _ => Math.Max(0, 1 - load.ServerErrorRatio - load.ClientErrorRatio),
            };
            var requests = load.RequestsPerSecond * Step.TotalSeconds * wobble * share;
            buckets[i] = new long[bounds.Length];
            sums[i] = sums[i - 1];
            var fraction = 0.0;
            var below = 0L;
            for (var b = 0; b < bounds.Length; b++)
            {
                // Cumulative over le, clamped so rounding in the fractions can never make it decrease or pass 1.
                fraction = b == bounds.Length - 1 ? 1 : Math.Min(1, fraction + load.Latency.Buckets[b].Fraction);
                exact[b] = Math.Max(exact[b] + (requests * fraction), b == 0 ? 0 : exact[b - 1]);
                var cumulative = (long)Math.Floor(exact[b]);
                buckets[i][b] = cumulative - below;
                below = cumulative;
            }

            // The exact expected sum: one built from the rounded buckets could step back when a rounding moves a
            // request to a lower bucket, and Prometheus would take that for a counter reset.
            sums[i] += requests * load.Latency.MeanSeconds;

            totals[i] = below;
        }

        return new CodeSeries(bounds, les, buckets, totals, sums);
    }

    private static string SeriesLabels(string label, string code) =>
        $"code=\"{code}\",method=\"GET\",protocol=\"http\",service=\"{Escape(label)}\"";

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Seconds since the epoch, to the millisecond (OpenMetrics timestamps are seconds).</summary>
    private string Timestamp(int index) =>
        ((Start + (Step * index)).ToUnixTimeMilliseconds() / 1000m).ToString(CultureInfo.InvariantCulture);

    private sealed record Generated(string Text, Dictionary<(string Label, string Code), CodeSeries> Series);

    /// <summary>One (service, code): per sample, the count in each bucket (not cumulative over <c>le</c>), the total and the duration sum.</summary>
    private sealed record CodeSeries(double[] Bounds, string[] Les, long[][] Buckets, long[] Totals, double[] Sum);
}
