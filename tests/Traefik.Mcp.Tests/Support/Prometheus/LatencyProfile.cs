namespace Traefik.Mcp.Tests.Support.Prometheus;

/// <summary>
/// How request durations spread over Traefik's default histogram buckets (0.1, 0.3, 1.2 and 5 seconds,
/// then +Inf): the fraction of requests whose duration falls in each bucket.
/// </summary>
public sealed record LatencyProfile(IReadOnlyList<(double UpperBound, double Fraction)> Buckets)
{
    /// <summary>A healthy service: nine in ten requests under 100 ms.</summary>
    public static LatencyProfile Fast { get; } = new([(0.1, 0.90), (0.3, 0.08), (1.2, 0.015), (5.0, 0.005), (double.PositiveInfinity, 0)]);

    /// <summary>A service in trouble: most requests take hundreds of milliseconds, a fifth over 1.2 s.</summary>
    public static LatencyProfile Slow { get; } = new([(0.1, 0.2), (0.3, 0.3), (1.2, 0.3), (5.0, 0.2), (double.PositiveInfinity, 0)]);

    /// <summary>
    /// What Prometheus' <c>histogram_quantile</c> returns for this distribution: linear interpolation
    /// inside the bucket holding the rank, the first bucket starting at 0, and the upper bound of the
    /// last finite bucket when the rank falls in +Inf.
    /// </summary>
    public double Quantile(double q)
    {
        var rank = q;
        var below = 0.0;
        var lower = 0.0;
        for (var i = 0; i < Buckets.Count; i++)
        {
            var (upper, fraction) = Buckets[i];
            if (below + fraction >= rank && fraction > 0)
            {
                return double.IsPositiveInfinity(upper) ? lower : lower + ((upper - lower) * (rank - below) / fraction);
            }

            below += fraction;
            lower = double.IsPositiveInfinity(upper) ? lower : upper;
        }

        return lower;
    }

    /// <summary>A representative duration inside bucket <paramref name="index"/>, for the histogram's sum.</summary>
    internal double Midpoint(int index)
    {
        var lower = index == 0 ? 0 : Buckets[index - 1].UpperBound;
        var upper = Buckets[index].UpperBound;
        return double.IsPositiveInfinity(upper) ? lower * 1.5 : (lower + upper) / 2;
    }
}

/// <summary>A service's traffic at one instant.</summary>
/// <param name="RequestsPerSecond">Requests per second.</param>
/// <param name="ServerErrorRatio">Share answered 500 (0–1).</param>
/// <param name="ClientErrorRatio">Share answered 404 (0–1).</param>
/// <param name="Latency">How long they take.</param>
public sealed record ServiceLoad(double RequestsPerSecond, double ServerErrorRatio, double ClientErrorRatio, LatencyProfile Latency);
