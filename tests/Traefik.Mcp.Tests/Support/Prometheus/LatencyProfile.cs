using System.Globalization;

namespace Traefik.Mcp.Tests.Support.Prometheus;

/// <summary>
/// How request durations spread over a histogram's buckets (Traefik's defaults are 0.1, 0.3, 1.2 and 5 seconds,
/// then +Inf): the fraction of requests whose duration falls in each bucket, in ascending order of upper bound.
/// </summary>
/// <remarks>
/// The bounds must ascend and end with +Inf, the fractions must be non-negative and add up to 1. Every profile of
/// one service in a <see cref="TrafficScenario"/> must use the same bounds, as a Traefik histogram does.
/// </remarks>
public sealed record LatencyProfile(IReadOnlyList<(double UpperBound, double Fraction)> Buckets)
{
    /// <summary>Traefik's default <c>metrics.prometheus.buckets</c>, then +Inf.</summary>
    public static IReadOnlyList<double> TraefikBounds { get; } = [0.1, 0.3, 1.2, 5.0, double.PositiveInfinity];

    /// <summary>A healthy service: nine in ten requests under 100 ms.</summary>
    public static LatencyProfile Fast { get; } = Traefik(0.90, 0.08, 0.015, 0.005, 0);

    /// <summary>A latency spike: most requests take hundreds of milliseconds, a fifth over 1.2 s.</summary>
    public static LatencyProfile Slow { get; } = Traefik(0.2, 0.3, 0.3, 0.2, 0);

    /// <summary>
    /// A backend timing out: one request in ten takes longer than 5 s, so p95 and above land in the +Inf bucket and
    /// Prometheus answers 5 (the last finite bound), however long those requests really took.
    /// </summary>
    public static LatencyProfile TimingOut { get; } = Traefik(0.6, 0.2, 0.05, 0.05, 0.1);

    /// <summary>The buckets, checked.</summary>
    public IReadOnlyList<(double UpperBound, double Fraction)> Buckets { get; } = Validate(Buckets);

    /// <summary>A profile over <see cref="TraefikBounds"/>: one fraction per bucket, +Inf last.</summary>
    public static LatencyProfile Traefik(double upTo100Ms, double upTo300Ms, double upTo1200Ms, double upTo5s, double over5s) =>
        new([(0.1, upTo100Ms), (0.3, upTo300Ms), (1.2, upTo1200Ms), (5.0, upTo5s), (double.PositiveInfinity, over5s)]);

    /// <summary>
    /// What Prometheus' <c>histogram_quantile(q, …)</c> returns for this distribution (see <see cref="HistogramQuantile"/>).
    /// </summary>
    /// <remarks>
    /// Whole-number counts approach it only as closely as the bucket holding the rank allows: each request in it
    /// moves the answer by (bucket width) / (requests in the bucket). For the figure Prometheus gives on the written
    /// counts, use <see cref="TrafficScenario.ExpectedQuantile"/>.
    /// </remarks>
    public double Quantile(double q)
    {
        var cumulative = new (double, double)[Buckets.Count];
        var below = 0.0;
        for (var i = 0; i < Buckets.Count; i++)
        {
            below += Buckets[i].Fraction;
            cumulative[i] = (Buckets[i].UpperBound, below);
        }

        return HistogramQuantile(q, cumulative);
    }

    /// <summary>
    /// Prometheus 2's <c>histogram_quantile</c> on cumulative bucket counts (ascending bounds, +Inf last): the rank
    /// <c>q × total</c> falls in the first bucket whose cumulative count reaches it (the +Inf bucket excluded);
    /// inside it the value is interpolated linearly, the lowest bucket starting at 0; a rank beyond every finite
    /// bucket gives the last finite bound. q &lt; 0 gives -Inf, q &gt; 1 +Inf, no observations NaN.
    /// </summary>
    public static double HistogramQuantile(double q, IReadOnlyList<(double UpperBound, double Cumulative)> buckets)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        if (double.IsNaN(q) || buckets.Count < 2 || !double.IsPositiveInfinity(buckets[^1].UpperBound) || buckets[^1].Cumulative == 0)
        {
            return q < 0 ? double.NegativeInfinity : q > 1 ? double.PositiveInfinity : double.NaN;
        }

        if (q < 0 || q > 1)
        {
            return q < 0 ? double.NegativeInfinity : double.PositiveInfinity;
        }

        var rank = q * buckets[^1].Cumulative;
        var b = 0;
        while (b < buckets.Count - 1 && buckets[b].Cumulative < rank)
        {
            b++;
        }

        if (b == buckets.Count - 1)
        {
            return buckets[^2].UpperBound;
        }

        if (b == 0 && buckets[0].UpperBound <= 0)
        {
            return buckets[0].UpperBound;
        }

        var start = b == 0 ? 0 : buckets[b - 1].UpperBound;
        var before = b == 0 ? 0 : buckets[b - 1].Cumulative;
        return start + ((buckets[b].UpperBound - start) * ((rank - before) / (buckets[b].Cumulative - before)));
    }

    /// <summary>
    /// The duration a request in bucket <paramref name="index"/> is taken to have, for the histogram's <c>_sum</c>:
    /// the bucket's midpoint (the lowest bucket starts at 0), and 1.5 × the last finite bound for +Inf.
    /// </summary>
    internal double Midpoint(int index)
    {
        var lower = index == 0 ? 0 : Buckets[index - 1].UpperBound;
        var upper = Buckets[index].UpperBound;
        return double.IsPositiveInfinity(upper) ? lower * 1.5 : (lower + upper) / 2;
    }

    /// <summary>The mean duration of a request (from the <see cref="Midpoint"/>s): what <c>_sum / _count</c> gives.</summary>
    public double MeanSeconds => Buckets.Select((b, i) => b.Fraction * Midpoint(i)).Sum();

    /// <summary>True when <paramref name="other"/> has the same bucket bounds.</summary>
    internal bool SameBounds(LatencyProfile other) =>
        Buckets.Select(b => b.UpperBound).SequenceEqual(other.Buckets.Select(b => b.UpperBound));

    /// <summary>The <c>le</c> label value of bucket <paramref name="index"/>, written the way Traefik's exporter writes it.</summary>
    internal string Le(int index) => double.IsPositiveInfinity(Buckets[index].UpperBound)
        ? "+Inf"
        : Buckets[index].UpperBound.ToString(CultureInfo.InvariantCulture);

    private static IReadOnlyList<(double UpperBound, double Fraction)> Validate(IReadOnlyList<(double UpperBound, double Fraction)> buckets)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var problems = new List<string>();
        if (buckets.Count < 2 || !double.IsPositiveInfinity(buckets[^1].UpperBound))
        {
            problems.Add("the last bucket must be +Inf, after at least one finite bucket");
        }

        for (var i = 0; i < buckets.Count; i++)
        {
            if (i > 0 && !(buckets[i].UpperBound > buckets[i - 1].UpperBound))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"bucket {i}: upper bound {buckets[i].UpperBound} must be above {buckets[i - 1].UpperBound}"));
            }

            if (!(buckets[i].Fraction >= 0))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"bucket {i}: fraction {buckets[i].Fraction} must be ≥ 0"));
            }
        }

        var sum = buckets.Sum(b => b.Fraction);
        if (Math.Abs(sum - 1) > 1e-9)
        {
            problems.Add($"the fractions add up to {sum.ToString("0.######", CultureInfo.InvariantCulture)}, not 1");
        }

        return problems.Count == 0
            ? buckets.ToArray()
            : throw new ArgumentException("Invalid latency profile:\n  " + string.Join("\n  ", problems), nameof(Buckets));
    }
}
